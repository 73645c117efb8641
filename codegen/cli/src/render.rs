//! A change report ([`apiref_codegen::diff::Report`]) as terminal text, a CHANGELOG section in
//! Markdown, or JSON for tools. Rendering only: the diff and its classes come from the library.

use std::fmt::Write as _;

use apiref_codegen::diff::{Change, Report, RustClass, Subject, Version};

/// The client crate's version before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bump {
    /// The crate's name, when known (`dcs-client`).
    pub krate: Option<String>,
    pub current: Version,
    pub next: Version,
}

impl Bump {
    pub fn new(report: &Report, krate: Option<String>, current: Version) -> Bump {
        Bump {
            krate,
            next: report.suggest(&current),
            current,
        }
    }

    fn why(&self, report: &Report) -> &'static str {
        match report.worst() {
            None => "no change",
            Some(RustClass::Breaking) if self.current.major == 0 => "breaking: minor bump in 0.x",
            Some(RustClass::Breaking) => "breaking: major bump",
            Some(_) => "nothing breaking: patch bump",
        }
    }
}

fn class_heading(class: RustClass) -> &'static str {
    match class {
        RustClass::Breaking => "Breaking changes",
        RustClass::Additive => "Additions",
        RustClass::Docs => "Documentation",
    }
}

/// `2 breaking, 3 additive, 7 docs; 1 breaks the wire`.
pub fn counts(report: &Report) -> String {
    let wire = report.wire_breaking();
    format!(
        "{} breaking, {} additive, {} docs; {wire} {} the wire",
        report.count(RustClass::Breaking),
        report.count(RustClass::Additive),
        report.count(RustClass::Docs),
        if wire == 1 { "breaks" } else { "break" }
    )
}

fn version_line(report: &Report, bump: Option<&Bump>) -> String {
    match bump {
        Some(b) => format!(
            "{} {} → {} ({})",
            b.krate.as_deref().unwrap_or("client crate"),
            b.current,
            b.next,
            b.why(report)
        ),
        None => format!(
            "suggested bump: {} (the client crate's current version is unknown)",
            match report.worst() {
                None => "none",
                Some(RustClass::Breaking) => "minor in 0.x, major from 1.0",
                Some(_) => "patch",
            }
        ),
    }
}

fn sources(c: &Change) -> String {
    format!(
        "old {}, new {}",
        c.old_source.as_deref().unwrap_or("—"),
        c.new_source.as_deref().unwrap_or("—")
    )
}

/// For a terminal: a summary, then a line per change (class, wire, item, what) with its reasons
/// and sources beneath.
pub fn text(report: &Report, bump: Option<&Bump>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} changes: {}",
        report.service,
        report.changes.len(),
        counts(report)
    );
    let _ = writeln!(out, "{}", version_line(report, bump));
    for class in RustClass::ALL {
        for c in report.changes.iter().filter(|c| c.rust == class) {
            let wire = if c.wire_breaking {
                " wire:breaking"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "\n{:<8}{wire} {} {} {}: {}",
                class.as_str(),
                c.subject.as_str(),
                c.item,
                c.kind.as_str(),
                c.detail
            );
            let _ = writeln!(out, "    {}", c.why);
            let _ = writeln!(out, "    {}", sources(c));
        }
    }
    out
}

/// A CHANGELOG section: the version heading, the counts, then the changes by class and by kind
/// of item.
pub fn markdown(report: &Report, bump: Option<&Bump>) -> String {
    let mut out = String::new();
    let title = match bump {
        Some(b) => format!(
            "{} {}",
            b.krate.as_deref().unwrap_or(&report.service),
            b.next
        ),
        None => format!("{} (unreleased)", report.service),
    };
    let _ = writeln!(out, "## {title}\n");
    let _ = writeln!(
        out,
        "API changes of `{}` against the previous spec: {}.\n{}.",
        report.service,
        counts(report),
        version_line(report, bump)
    );
    if report.changes.is_empty() {
        out.push_str("\nNo change to the API.\n");
    }
    for class in RustClass::ALL {
        let of_class: Vec<&Change> = report.changes.iter().filter(|c| c.rust == class).collect();
        if of_class.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {}", class_heading(class));
        for subject in Subject::ALL {
            let list: Vec<&&Change> = of_class.iter().filter(|c| c.subject == subject).collect();
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n#### {}\n", subject.heading());
            for c in list {
                let wire = if c.wire_breaking {
                    " **Breaks the wire.**"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "- {} ({}): {}. {}.{wire} Sources: {}.",
                    c.item,
                    c.kind.as_str(),
                    c.detail,
                    capitalize(&c.why),
                    sources(c)
                );
            }
        }
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A JSON string literal.
fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "null".to_string(), json_str)
}

/// For tools: `{"service", "counts", "version", "changes": [...]}`, one change per line.
pub fn json(report: &Report, bump: Option<&Bump>) -> String {
    let mut out = String::from("{\n");
    let _ = writeln!(out, "  \"service\": {},", json_str(&report.service));
    let _ = writeln!(
        out,
        "  \"counts\": {{\"breaking\": {}, \"additive\": {}, \"docs\": {}, \"wire_breaking\": {}}},",
        report.count(RustClass::Breaking),
        report.count(RustClass::Additive),
        report.count(RustClass::Docs),
        report.wire_breaking()
    );
    let version = match bump {
        Some(b) => format!(
            "{{\"crate\": {}, \"current\": \"{}\", \"suggested\": \"{}\"}}",
            json_opt(b.krate.as_deref()),
            b.current,
            b.next
        ),
        None => "null".to_string(),
    };
    let _ = writeln!(out, "  \"version\": {version},");
    out.push_str("  \"changes\": [");
    for (i, c) in report.changes.iter().enumerate() {
        let sep = if i == 0 { "\n" } else { ",\n" };
        let _ = write!(
            out,
            "{sep}    {{\"subject\": \"{}\", \"kind\": \"{}\", \"item\": {}, \"detail\": {}, \"rust\": \"{}\", \"wire\": \"{}\", \"why\": {}, \"old_source\": {}, \"new_source\": {}}}",
            c.subject.as_str(),
            c.kind.as_str(),
            json_str(&c.item),
            json_str(&c.detail),
            c.rust.as_str(),
            if c.wire_breaking { "breaking" } else { "compatible" },
            json_str(&c.why),
            json_opt(c.old_source.as_deref()),
            json_opt(c.new_source.as_deref()),
        );
    }
    out.push_str(if report.changes.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    out
}
