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
const DROP: [&str; 7] = ["a", "an", "the", "DCS", "of", "Up", "Specified"];

/// An operation name from a page title: `Querying a DCS instance` → `ShowInstance`,
/// `Querying All DCS Instances of a Tenant` → `ListInstancesTenant`.
pub fn operation_name(title: &str) -> String {
    let mut words: Vec<&str> = title.split_whitespace().collect();
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
        assert_eq!(operation_name("Querying a DCS instance"), "ShowInstance");
        assert_eq!(operation_name("Creating a DCS Instance"), "CreateInstance");
        assert_eq!(
            operation_name("Querying All DCS Instances of a Tenant"),
            "ListInstancesTenant"
        );
        assert_eq!(
            operation_name("Enabling or Disabling Client IP Pass-through"),
            "EnableOrDisableClientIpPassThrough"
        );
        assert_eq!(operation_name("Querying AZs"), "ShowAzs");
    }
}
