//! What changed between two editions of a spec, and what each change does to the generated client.
//!
//! [`diff`] lists every difference between an old and a new spec: operations (added, removed,
//! path or method changed, deprecated), parameters, body and response fields (added, removed,
//! required flag, type, enum values, default, range, description), schemas and error codes, each
//! with the `source` (`file:line`) of its old and new item. Each change is classified twice:
//!
//! - [`RustClass`]: what it does to the generated Rust API, decided by the generator's own plan of
//!   both specs (which models are request or response models, every Rust name and type): a
//!   caller's code stops compiling or changes meaning ([`RustClass::Breaking`]), something new is
//!   there to use ([`RustClass::Additive`]), or only documentation changed ([`RustClass::Docs`]).
//! - [`Change::wire_breaking`]: whether a client built from the old spec still works against a
//!   server that follows the new one: a request it sends that the new documents reject (a new
//!   required field, a removed enum value it may send, another path or method, a narrower range),
//!   or a response it cannot read (a type its lenient readers do not take; unknown enum values
//!   are kept, unknown fields ignored). A field the new documents no longer list is taken to be
//!   ignored when the old client still sends it; a changed default is not a rejection either,
//!   though the server then fills in another value.
//!
//! # The generated API the rules follow
//! Models and enums are `#[non_exhaustive]`, enums keep an `Unknown` case; request models
//! (reachable from a request body or query) are built by the caller, who must set every required
//! field; response models (reachable from a response) hold every field as `Option<T>`; an
//! operation is a method taking its path parameters in order, its header parameters, the query
//! struct, then the body. So a new required request field is breaking, a new optional request
//! field, response field, enum value, operation, schema or error code is additive, anything a
//! caller can name that is removed, renamed or retyped is breaking, and descriptions, defaults and
//! ranges (which the client only documents) are docs.
//!
//! [`Report::suggest`] turns the classes into the next version of the client crate (0.x: breaking
//! → minor bump, else patch); [`version::manifest_version`] reads the current one.

mod fields;
mod ops;
mod schemas;
pub mod version;
mod view;
mod wire;

use apiref_spec::Spec;

pub use version::Version;

/// What a change does to the generated Rust API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RustClass {
    /// Code written against the old client stops compiling or changes meaning.
    Breaking,
    /// Something new to use; old code compiles and means what it meant.
    Additive,
    /// Only the documentation (doc comments, constants describing the API) changes.
    Docs,
}

impl RustClass {
    /// `breaking`, `additive` or `docs`.
    pub fn as_str(self) -> &'static str {
        match self {
            RustClass::Breaking => "breaking",
            RustClass::Additive => "additive",
            RustClass::Docs => "docs",
        }
    }

    /// Every class, most severe first.
    pub const ALL: [RustClass; 3] = [RustClass::Breaking, RustClass::Additive, RustClass::Docs];
}

/// What kind of item changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    Service,
    Operation,
    Parameter,
    Field,
    Schema,
    ErrorCode,
}

impl Subject {
    /// `service`, `operation`, `parameter`, `field`, `schema` or `error-code`.
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Service => "service",
            Subject::Operation => "operation",
            Subject::Parameter => "parameter",
            Subject::Field => "field",
            Subject::Schema => "schema",
            Subject::ErrorCode => "error-code",
        }
    }

    /// A plural heading (`Operations`).
    pub fn heading(self) -> &'static str {
        match self {
            Subject::Service => "Service",
            Subject::Operation => "Operations",
            Subject::Parameter => "Parameters",
            Subject::Field => "Body and response fields",
            Subject::Schema => "Schemas",
            Subject::ErrorCode => "Error codes",
        }
    }

    /// Every subject, in report order.
    pub const ALL: [Subject; 6] = [
        Subject::Service,
        Subject::Operation,
        Subject::Parameter,
        Subject::Field,
        Subject::Schema,
        Subject::ErrorCode,
    ];
}

/// What about the item changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    Added,
    Removed,
    Path,
    Method,
    Deprecated,
    Group,
    Signature,
    Body,
    Response,
    Required,
    Type,
    EnumAdded,
    EnumRemoved,
    Default,
    Range,
    Description,
    /// A Rust name or type changed though the spec item did not (a name collision, an enum
    /// shared by fields with the same values that split).
    RustName,
    /// A model became or stopped being a request or response model.
    Role,
    /// A model gained or lost a derived trait.
    Derives,
    /// An error code's status or message.
    Status,
    Documents,
}

impl ChangeKind {
    /// Kebab-case name for tools (`enum-added`).
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Path => "path",
            ChangeKind::Method => "method",
            ChangeKind::Deprecated => "deprecated",
            ChangeKind::Group => "group",
            ChangeKind::Signature => "signature",
            ChangeKind::Body => "body",
            ChangeKind::Response => "response",
            ChangeKind::Required => "required",
            ChangeKind::Type => "type",
            ChangeKind::EnumAdded => "enum-added",
            ChangeKind::EnumRemoved => "enum-removed",
            ChangeKind::Default => "default",
            ChangeKind::Range => "range",
            ChangeKind::Description => "description",
            ChangeKind::RustName => "rust-name",
            ChangeKind::Role => "role",
            ChangeKind::Derives => "derives",
            ChangeKind::Status => "status",
            ChangeKind::Documents => "documents",
        }
    }
}

/// One difference between the specs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub subject: Subject,
    pub kind: ChangeKind,
    /// The item, in Markdown (`` `ListInstances` query parameter `status` ``).
    pub item: String,
    /// What changed, in Markdown (`` `integer` → `string` ``).
    pub detail: String,
    pub rust: RustClass,
    /// A client built from the old spec sends what the new documents reject, or cannot read what
    /// a server following them sends.
    pub wire_breaking: bool,
    /// Why the classes are what they are, in terms of the generated code and the wire.
    pub why: String,
    /// `file:line` of the old item (`None` when it is new).
    pub old_source: Option<String>,
    /// `file:line` of the new item (`None` when it was removed).
    pub new_source: Option<String>,
}

/// Every change from one spec to the next.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// The service's name (of the new spec).
    pub service: String,
    /// The service block, operations (old order, then new ones; each with its parameters),
    /// schemas (by name, each with its fields), then error codes.
    pub changes: Vec<Change>,
}

impl Report {
    /// How many changes have the class.
    pub fn count(&self, class: RustClass) -> usize {
        self.changes.iter().filter(|c| c.rust == class).count()
    }

    /// How many changes break the wire.
    pub fn wire_breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.wire_breaking).count()
    }

    /// Whether a change breaks the Rust API.
    pub fn is_breaking(&self) -> bool {
        self.count(RustClass::Breaking) > 0
    }

    /// The most severe class, `None` without changes.
    pub fn worst(&self) -> Option<RustClass> {
        self.changes.iter().map(|c| c.rust).min()
    }

    /// The next version of the client crate after `current`: breaking changes bump the minor
    /// version in 0.x (the major from 1.0), anything else the patch; no change keeps it.
    pub fn suggest(&self, current: &Version) -> Version {
        match self.worst() {
            None => current.clone(),
            Some(RustClass::Breaking) => current.bump_breaking(),
            Some(_) => current.bump_patch(),
        }
    }
}

/// Every difference from `old` to `new`, classified. Both specs should be valid (see
/// [`crate::validate_spec`]); types that do not parse are read as free-form objects.
pub fn diff(old: &Spec, new: &Spec) -> Report {
    let views = (view::View::of(old), view::View::of(new));
    let cx = Cx {
        old,
        new,
        old_view: &views.0,
        new_view: &views.1,
    };
    let mut out = Vec::new();
    schemas::service(&cx, &mut out);
    ops::compare(&cx, &mut out);
    schemas::compare(&cx, &mut out);
    schemas::error_codes(&cx, &mut out);
    Report {
        service: new.service.name.clone(),
        changes: out,
    }
}

/// Both specs and their views.
pub(crate) struct Cx<'a> {
    pub old: &'a Spec,
    pub new: &'a Spec,
    pub old_view: &'a view::View,
    pub new_view: &'a view::View,
}

/// `value` as inline code.
pub(crate) fn code(value: &str) -> String {
    crate::docs::code(value)
}
