//! The document's type cells (`Array of ResourceTag objects`, `Boolean`, v1 `JSON`) mapped onto
//! the spec's type grammar.

use crate::model::TypeRef;

/// What a type cell can refer to besides primitives.
pub trait Resolver {
    /// The final schema name for a table the page captions `name` (a model name such as
    /// `BssParam` or, in v1 pages, the field name such as `tags`).
    fn nested(&self, name: &str) -> Option<String>;
    /// The JSON type of the elements of `field` in the page's examples (v1 `Array` cells do not
    /// say what they hold).
    fn example_element(&self, field: &str) -> Option<TypeRef>;
    /// Whether `field` holds an array in the page's examples.
    fn example_is_array(&self, field: &str) -> bool;
    /// Whether `field` holds an object of arrays in the page's examples (a map of lists).
    fn example_is_map_of_arrays(&self, field: &str) -> bool;
    /// The schema of a table the description points to (`For details, see Table 8-4.`), which
    /// v1 pages use for models printed on another page.
    fn table_ref(&self, desc: &str) -> Option<String>;
}

/// The outcome of mapping one cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapped {
    pub ty: TypeRef,
    /// Set when the mapping had to guess (shown as a warning with the row's line).
    pub note: Option<String>,
}

fn primitive(word: &str) -> Option<TypeRef> {
    Some(match word.to_ascii_lowercase().as_str() {
        "string" | "strings" => TypeRef::String,
        "integer" | "integers" | "int" => TypeRef::Integer,
        "long" | "longs" => TypeRef::Long,
        "float" | "floats" => TypeRef::Float,
        "double" | "doubles" => TypeRef::Double,
        "number" | "numbers" | "bigdecimal" => TypeRef::Number,
        "boolean" | "booleans" | "bool" => TypeRef::Boolean,
        _ => return None,
    })
}

fn is_schema_name(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A named model: the page's nested table when there is one, else the name itself.
fn named(name: &str, r: &dyn Resolver) -> TypeRef {
    TypeRef::Named(r.nested(name).unwrap_or_else(|| name.to_string()))
}

/// The many spellings of the same types, as the common one: `List(Dict)`, `List<Object>` and
/// `Array of Objects` → `Array of objects`; `Dict`, `Dictionary`, `Null` (a key whose value is
/// always null) → `Object`; `Integer array` → `Array of integers`.
fn canonical(text: &str) -> String {
    let t = text.trim();
    for (open, close) in [
        ("List(", ")"),
        ("List<", ">"),
        ("Array<", ">"),
        ("Array(", ")"),
    ] {
        if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return canonical(&format!("Array of {}", inner.trim()));
        }
    }
    let lower = t.to_ascii_lowercase();
    match lower.as_str() {
        "dict" | "dictionary" | "null" | "json object" | "jsonobject" => return "Object".into(),
        "array of objects"
        | "array of object"
        | "array of dict"
        | "array of dicts"
        | "array of dictionary"
        | "list of objects" => return "Array of objects".into(),
        _ => {}
    }
    if let Some(elem) = lower
        .strip_suffix(" array")
        .or_else(|| lower.strip_suffix(" list"))
    {
        if primitive(elem).is_some() {
            return format!("Array of {elem}s");
        }
    }
    t.to_string()
}

/// Maps the type cell `text` of field `field` (whose description is `desc`). A model whose
/// description states a map structure (`The structure is Map<String, Object>. For details, see
/// Table 6.`) is the value of a map (a list of them where the examples show lists).
pub fn map_type(text: &str, field: &str, desc: &str, r: &dyn Resolver) -> Result<Mapped, String> {
    let mapped = map_cell(text, field, desc, r)?;
    Ok(match mapped.ty {
        TypeRef::Named(_) if says_map(desc) => {
            let value = if r.example_is_map_of_arrays(field) {
                TypeRef::Array(Box::new(mapped.ty))
            } else {
                mapped.ty
            };
            Mapped {
                ty: TypeRef::Map(Box::new(value)),
                note: mapped.note,
            }
        }
        _ => mapped,
    })
}

/// Maps one cell, without [`map_type`]'s map-structure rule (a `Map<…>` cell's value type is
/// mapped by the same rules).
fn map_cell(text: &str, field: &str, desc: &str, r: &dyn Resolver) -> Result<Mapped, String> {
    let canonical = canonical(text);
    let t = canonical.as_str();
    let words: Vec<&str> = t.split_whitespace().collect();
    if let Some(p) = primitive(t) {
        return certain(p);
    }
    match words.as_slice() {
        ["Object"] | ["JSON"] | ["object"] => object_cell(t, field, desc, r),
        ["Array"] | ["List"] => array_cell(t, false, field, desc, r),
        ["Array", "of", "objects"] | ["Array", "of", "object"] => {
            array_cell(t, true, field, desc, r)
        }
        ["Array", "of", elem] => match primitive(elem) {
            Some(p) => certain(TypeRef::Array(Box::new(p))),
            None if is_schema_name(elem) => certain(TypeRef::Array(Box::new(named(elem, r)))),
            None => Err(format!("unknown array element `{elem}`")),
        },
        ["Array", "of", elem, "objects" | "object"] if is_schema_name(elem) => {
            certain(TypeRef::Array(Box::new(named(elem, r))))
        }
        [name, "object" | "objects"] if is_schema_name(name) || r.nested(name).is_some() => {
            certain(named(name, r))
        }
        _ if t.starts_with("Map<") && t.ends_with('>') => generic_map_cell(t, field, r),
        [name] if is_schema_name(name) && r.nested(name).is_some() => certain(named(name, r)),
        _ => Err(format!("unknown type `{t}`")),
    }
}

/// A mapping the cell states outright: nothing was guessed, so there is no note.
fn certain(ty: TypeRef) -> Result<Mapped, String> {
    Ok(Mapped { ty, note: None })
}

/// An `Object` (v1: `JSON`) cell `t`. The cell names no model, so the model comes from the page:
/// the field's nested table, else a table the description points to; without either it is a
/// free-form object (a map of text when the description says key-value).
fn object_cell(t: &str, field: &str, desc: &str, r: &dyn Resolver) -> Result<Mapped, String> {
    if let Some(n) = r.nested(field) {
        // v1 `JSON` cells hold arrays too (`Parameter description of the instances
        // array`): the examples tell.
        if r.example_is_array(field) {
            return Ok(Mapped {
                ty: TypeRef::Array(Box::new(TypeRef::Named(n))),
                note: Some(format!(
                    "`{t}` field `{field}` holds an array in the examples"
                )),
            });
        }
        return certain(TypeRef::Named(n));
    }
    if let Some(n) = r.table_ref(desc) {
        return certain(TypeRef::Named(n));
    }
    if is_map_description(desc) {
        return certain(TypeRef::Map(Box::new(TypeRef::String)));
    }
    certain(TypeRef::Object)
}

/// An array cell `t` that names no element model (`Array`, `List`, `Array of objects`), with
/// `of_objects` when it says its elements are objects. The model comes from the page as for
/// [`object_cell`]; a bare `Array` of v1 pages does not even say it holds objects, so its
/// element type is the examples' (strings when they show none), with a note since it is a guess.
fn array_cell(
    t: &str,
    of_objects: bool,
    field: &str,
    desc: &str,
    r: &dyn Resolver,
) -> Result<Mapped, String> {
    if let Some(n) = r.nested(field) {
        return certain(TypeRef::Array(Box::new(TypeRef::Named(n))));
    }
    if let Some(n) = r.table_ref(desc) {
        return certain(TypeRef::Array(Box::new(TypeRef::Named(n))));
    }
    if of_objects {
        return certain(TypeRef::Array(Box::new(TypeRef::Object)));
    }
    match r.example_element(field) {
        Some(e) => Ok(Mapped {
            ty: TypeRef::Array(Box::new(e.clone())),
            note: Some(format!(
                "`{t}` does not say what `{field}` holds; the examples hold {e}"
            )),
        }),
        None => Ok(Mapped {
            ty: TypeRef::Array(Box::new(TypeRef::String)),
            note: Some(format!(
                "`{t}` does not say what `{field}` holds; assumed strings"
            )),
        }),
    }
}

/// A `Map<String, V>` cell `t`. JSON object keys are always text, so any other key type is an
/// error; `V` is itself a cell (`Array of ResourceTag objects`), mapped with no description,
/// since the field's description is about the map.
fn generic_map_cell(t: &str, field: &str, r: &dyn Resolver) -> Result<Mapped, String> {
    let inner = &t[4..t.len() - 1];
    let (k, v) = inner
        .split_once(',')
        .ok_or_else(|| format!("map type `{t}` without a value type"))?;
    if primitive(k.trim()) != Some(TypeRef::String) {
        return Err(format!("map keys must be strings in `{t}`"));
    }
    let value = map_cell(v.trim(), field, "", r).map_err(|e| format!("map value in `{t}`: {e}"))?;
    Ok(Mapped {
        ty: TypeRef::Map(Box::new(value.ty)),
        note: value.note,
    })
}

/// A description that states a map structure (`The structure is Map<String, Object>.`).
fn says_map(desc: &str) -> bool {
    desc.contains("Map<") || desc.contains("map<")
}

/// Free-form objects whose description says they map keys to values.
fn is_map_description(desc: &str) -> bool {
    let d = desc.to_ascii_lowercase();
    d.contains("key-value") || d.contains("key/value") || d.contains("key-value pair")
}

#[cfg(test)]
mod tests {
    use super::*;

    struct R;
    impl Resolver for R {
        fn nested(&self, name: &str) -> Option<String> {
            match name {
                "ResourceTag" => Some("ResourceTag".into()),
                "tags" => Some("TagsV1".into()),
                "addresses" => Some("Address".into()),
                _ => None,
            }
        }
        fn example_element(&self, field: &str) -> Option<TypeRef> {
            (field == "backup_at").then_some(TypeRef::Integer)
        }
        fn example_is_array(&self, field: &str) -> bool {
            field == "instances"
        }
        fn example_is_map_of_arrays(&self, field: &str) -> bool {
            field == "addresses"
        }
        fn table_ref(&self, desc: &str) -> Option<String> {
            desc.contains("Table 8-4")
                .then(|| "InstanceBackupPolicyV1".to_string())
        }
    }

    fn ty(text: &str, field: &str) -> String {
        map_type(text, field, "", &R).unwrap().ty.to_string()
    }

    #[test]
    fn document_types() {
        assert_eq!(ty("String", "x"), "string");
        assert_eq!(ty("Long", "x"), "long");
        assert_eq!(ty("Array of strings", "x"), "array<string>");
        assert_eq!(ty("Array of integers", "x"), "array<integer>");
        assert_eq!(
            ty("Array of ResourceTag objects", "x"),
            "array<ResourceTag>"
        );
        assert_eq!(ty("BssParam object", "x"), "BssParam");
        assert_eq!(ty("Object", "x"), "object");
        assert_eq!(ty("Map<String,String>", "x"), "map<string,string>");
        assert_eq!(ty("Array of objects", "tags"), "array<TagsV1>");
        assert_eq!(ty("JSON", "tags"), "TagsV1");
        assert_eq!(ty("Array", "backup_at"), "array<integer>");
        assert_eq!(ty("Array", "available_zones"), "array<string>");
        // Spellings of other editions and pages.
        assert_eq!(ty("Array of Objects", "x"), "array<object>");
        assert_eq!(ty("List(Dict)", "x"), "array<object>");
        assert_eq!(ty("List<String>", "x"), "array<string>");
        assert_eq!(ty("Integer array", "x"), "array<integer>");
        assert_eq!(ty("Null", "x"), "object");
        assert_eq!(ty("Dict", "x"), "object");
        assert_eq!(
            ty("Map<String,Array of ResourceTag objects>", "x"),
            "map<string,array<ResourceTag>>"
        );
        let m = map_type(
            "JSON",
            "instance_backup_policy",
            "Backup policy. For details, see Table 8-4.",
            &R,
        )
        .unwrap();
        assert_eq!(m.ty.to_string(), "InstanceBackupPolicyV1");
        let m = map_type(
            "Object",
            "addresses",
            "The structure is Map<String, Object>. For details, see Table 6.",
            &R,
        )
        .unwrap();
        assert_eq!(m.ty.to_string(), "map<string,array<Address>>");
    }

    #[test]
    fn unknown_types_are_errors() {
        assert!(map_type("Time stamp", "x", "", &R).is_err());
        assert!(map_type("Array of 5", "x", "", &R).is_err());
    }
}
