//! Names: operation names derived from titles (where the page has no SDK sample) and schema names
//! derived from field names (v1 nested tables are captioned by the field that holds them).

/// `backup_record_response` → `BackupRecordResponse`; `Master/Standby` → `MasterStandby`.
pub fn upper_camel(text: &str) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut chars = word.chars();
        if let Some(f) = chars.next() {
            out.push(f.to_ascii_uppercase());
            let rest: String = chars.collect();
            // `DCS`, `IP`, `AZs` read as words, not as runs of capitals.
            if rest
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == 's' || c.is_ascii_digit())
            {
                out.push_str(&rest.to_ascii_lowercase());
            } else {
                out.push_str(&rest);
            }
        }
    }
    out
}

/// Gerunds of the titles and the verbs operation names use.
const VERBS: [(&str, &str); 23] = [
    ("Clearing", "Clear"),
    ("Querying", "Show"),
    ("Listing", "List"),
    ("Obtaining", "Show"),
    ("Viewing", "Show"),
    ("Deleting", "Delete"),
    ("Creating", "Create"),
    ("Modifying", "Update"),
    ("Enabling", "Enable"),
    ("Disabling", "Disable"),
    ("Removing", "Remove"),
    ("Adding", "Add"),
    ("Changing", "Change"),
    ("Restarting", "Restart"),
    ("Scaling", "Scale"),
    ("Backing", "Backup"),
    ("Restoring", "Restore"),
    ("Resetting", "Reset"),
    ("Switching", "Switch"),
    ("Configuring", "Set"),
    ("Stopping", "Stop"),
    ("Running", "Run"),
    ("Killing", "Kill"),
];

/// Words that carry no meaning in an operation name.
const DROP: [&str; 6] = ["a", "an", "the", "of", "Up", "Specified"];

/// An operation name from a page title: `Querying a DCS instance` → `ShowInstance`,
/// `Querying All DCS Instances of a Tenant` → `ListInstancesTenant`. `service` is the service's
/// short name (`DCS`): it says nothing where it qualifies a noun (`DCS Instance`) and is kept
/// where it is the noun (`Creating an ECS` → `CreateEcs`).
pub fn operation_name(title: &str, service: &str) -> String {
    let title = crate::words::without_deprecation_mark(title);
    let all: Vec<&str> = title.split_whitespace().collect();
    let mut words: Vec<&str> = Vec::with_capacity(all.len());
    for (i, w) in all.iter().enumerate() {
        let qualifies = all
            .get(i + 1)
            .is_some_and(|next| next.starts_with(|c: char| c.is_alphabetic()) && !DROP.contains(next));
        if !(w.eq_ignore_ascii_case(service) && qualifies) {
            words.push(w);
        }
    }
    let mut out = String::new();
    if let Some(first) = words.first().copied() {
        if let Some((_, verb)) = VERBS.iter().find(|(g, _)| *g == first) {
            words.remove(0);
            if words.first() == Some(&"All") {
                words.remove(0);
                out.push_str("List");
            } else {
                out.push_str(verb);
            }
        }
    }
    for w in words {
        if let Some((_, verb)) = VERBS.iter().find(|(g, _)| *g == w) {
            out.push_str(verb);
        } else if !DROP.contains(&w) {
            out.push_str(&upper_camel(w));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_of_fields_and_titles() {
        assert_eq!(
            upper_camel("backup_record_response"),
            "BackupRecordResponse"
        );
        assert_eq!(upper_camel("available_zones"), "AvailableZones");
        assert_eq!(upper_camel("Master/Standby"), "MasterStandby");
    }

    #[test]
    fn names_from_titles() {
        assert_eq!(operation_name("Querying a DCS instance", "DCS"), "ShowInstance");
        assert_eq!(operation_name("Creating a DCS Instance", "DCS"), "CreateInstance");
        assert_eq!(
            operation_name("Querying All DCS Instances of a Tenant", "DCS"),
            "ListInstancesTenant"
        );
        assert_eq!(
            operation_name("Enabling or Disabling Client IP Pass-through", "DCS"),
            "EnableOrDisableClientIpPassThrough"
        );
        assert_eq!(operation_name("Querying AZs", "DCS"), "ShowAzs");
        assert_eq!(operation_name("Creating an ECS", "ECS"), "CreateEcs");
        assert_eq!(operation_name("Deleting an ECS Group", "ECS"), "DeleteGroup");
    }
}
