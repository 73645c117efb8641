//! Names: operation names derived from titles (where the page has no SDK sample) and schema names
//! derived from field names (v1 nested tables are captioned by the field that holds them).

pub use crate::words::upper_camel;

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

/// Words that join others: after one of them, the service's name is a noun, not a qualifier.
const JOINING: [&str; 16] = [
    "to", "in", "of", "for", "from", "by", "with", "on", "at", "and", "or", "into", "under",
    "about", "using", "which",
];

/// The verb of a title's first word when the table does not have it: the gerund without its
/// `-ing` (`Starting` → `Start`, `Stopping` → `Stop`, `Updating` → `Update`).
fn verb_of_gerund(word: &str) -> Option<String> {
    let stem = word.strip_suffix("ing").filter(|s| s.len() >= 3)?;
    let bytes = stem.as_bytes();
    let (last, before) = (bytes[bytes.len() - 1], bytes[bytes.len() - 2]);
    // A doubled final consonant is the spelling's, not the verb's: `Stopp` → `Stop`.
    if stem.len() >= 4 && last == before && b"pbtgmnd".contains(&last) {
        return Some(stem[..stem.len() - 1].to_string());
    }
    // The silent `e` the `-ing` dropped: `Creat` → `Create`, `Releas` → `Release`.
    const NEEDS_E: [&str; 14] = [
        "at", "et", "iz", "ov", "ur", "bl", "as", "or", "ang", "cal", "ag", "uc", "id", "ot",
    ];
    if NEEDS_E.iter().any(|e| stem.ends_with(e)) && !stem.ends_with("oot") {
        return Some(format!("{stem}e"));
    }
    Some(stem.to_string())
}

/// An operation name from a page title: `Querying a DCS instance` → `ShowInstance`,
/// `Querying All DCS Instances of a Tenant` → `ListInstancesTenant`. `service` is the service's
/// short name (`DCS`): it says nothing where it qualifies a noun (`DCS Instance`) and is kept
/// where it is the noun (`Creating an ECS` → `CreateEcs`).
pub fn operation_name(title: &str, service: &str) -> String {
    let title = without_parentheses(crate::words::without_deprecation_mark(title));
    let all: Vec<&str> = title.split_whitespace().collect();
    let mut words: Vec<&str> = Vec::with_capacity(all.len());
    for (i, w) in all.iter().enumerate() {
        let qualifies = all.get(i + 1).is_some_and(|next| {
            next.starts_with(|c: char| c.is_alphabetic())
                && !DROP.contains(next)
                && !JOINING.contains(&next.to_ascii_lowercase().as_str())
        });
        if !(w.eq_ignore_ascii_case(service) && qualifies) {
            words.push(w);
        }
    }
    let mut parts: Vec<String> = Vec::new();
    if let Some(first) = words.first().copied() {
        let verb = VERBS
            .iter()
            .find(|(g, _)| *g == first)
            .map(|(_, v)| v.to_string())
            .or_else(|| verb_of_gerund(first));
        if let Some(verb) = verb {
            words.remove(0);
            if words.first() == Some(&"All") {
                words.remove(0);
                parts.push("List".to_string());
            } else {
                parts.push(verb);
            }
        }
    }
    for w in words {
        if let Some((_, verb)) = VERBS.iter().find(|(g, _)| *g == w) {
            parts.push(verb.to_string());
        } else if !DROP.contains(&w) {
            parts.push(upper_camel(w));
        }
    }
    shortened(parts).concat()
}

/// The most words a name made from a title keeps before it is cut.
const MAX_WORDS: usize = 6;

/// A name of more than [`MAX_WORDS`] words cut before its last joining word that leaves at
/// most that many (and at least three): `ListMonitoredObjectsOnSecondaryDimensionsUnder
/// PrimaryDimension` → `ListMonitoredObjectsOnSecondaryDimensions`.
fn shortened(parts: Vec<String>) -> Vec<String> {
    if parts.len() <= MAX_WORDS {
        return parts;
    }
    let joining = |w: &String| JOINING.contains(&w.to_ascii_lowercase().as_str());
    let cut = (3..=MAX_WORDS)
        .rev()
        .find(|&k| joining(&parts[k]) && !joining(&parts[k - 1]));
    match cut {
        Some(k) => parts[..k].to_vec(),
        None => parts,
    }
}

/// The title without what it says in parentheses (`Reinstalling an ECS OS (Using an Image with
/// Cloud-Init Installed)` → `Reinstalling an ECS OS`).
fn without_parentheses(title: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in title.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
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
        assert_eq!(
            operation_name("Querying a DCS instance", "DCS"),
            "ShowInstance"
        );
        assert_eq!(
            operation_name("Creating a DCS Instance", "DCS"),
            "CreateInstance"
        );
        assert_eq!(
            operation_name("Querying All DCS Instances of a Tenant", "DCS"),
            "ListInstancesTenant"
        );
        assert_eq!(
            operation_name("Enabling or Disabling Client IP Pass-through", "DCS"),
            "EnableOrDisableClientIpPassThrough"
        );
        assert_eq!(operation_name("Querying AZs", "DCS"), "ShowAzs");
        assert_eq!(
            operation_name("Starting ECSs in a Batch", "ECS"),
            "StartEcssInBatch"
        );
        assert_eq!(
            operation_name(
                "Listing Monitored Objects on Secondary Dimensions Under a Primary Dimension",
                "DCS"
            ),
            "ListMonitoredObjectsOnSecondaryDimensions"
        );
        assert_eq!(
            operation_name(
                "Reinstalling an ECS OS (Using an Image with Cloud-Init Installed)",
                "ECS"
            ),
            "ReinstallOs"
        );
        assert_eq!(
            operation_name(
                "Querying the Target Flavors to Which an ECS Flavor Can Be Changed",
                "ECS"
            ),
            "ShowTargetFlavors"
        );
        assert_eq!(
            operation_name("Adding an ECS to an ECS Group", "ECS"),
            "AddEcsToGroup"
        );
        assert_eq!(
            operation_name("Attaching a Disk to an ECS", "ECS"),
            "AttachDiskToEcs"
        );
        for (gerund, verb) in [
            ("Stopping", "Stop"),
            ("Updating", "Update"),
            ("Releasing", "Release"),
            ("Locking", "Lock"),
            ("Rebuilding", "Rebuild"),
            ("Registering", "Register"),
            ("Disassociating", "Disassociate"),
            ("Reinstalling", "Reinstall"),
            ("Rolling", "Roll"),
            ("Binding", "Bind"),
        ] {
            assert_eq!(verb_of_gerund(gerund).as_deref(), Some(verb), "{gerund}");
        }
        assert_eq!(verb_of_gerund("Ping"), None);
        assert_eq!(operation_name("Creating an ECS", "ECS"), "CreateEcs");
        assert_eq!(
            operation_name("Deleting an ECS Group", "ECS"),
            "DeleteGroup"
        );
    }
}
