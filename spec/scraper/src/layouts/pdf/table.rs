//! Parameter tables flattened into text, rebuilt into rows.
//!
//! The PDF export prints a table row as its cells left to right. A cell that wraps ends the line;
//! its further lines follow, then a blank line, then the remaining cells go on the next line.
//! So `engine_versio` / `n` / `` / `No String Cache engine version.` is one row whose name wrapped,
//! and `az_codes Yes Array of` / `strings` / `` / `Code of the AZ …` one whose type wrapped.
//! The description, the last column, runs to the next row. Page breaks repeat the header row
//! (itself wrapped in v1 tables: `Parameter Type Manda` / `tory` / `` / `Description`).

use super::lines::Line;
use super::text::{join_fragment, DescBuilder};
use crate::raw::RawRow;

/// A column of a parameter table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Mandatory,
    Type,
    Description,
}

const HEADER_WORDS: [(&str, Column); 5] = [
    ("parameter", Column::Name),
    ("name", Column::Name),
    ("mandatory", Column::Mandatory),
    ("type", Column::Type),
    ("description", Column::Description),
];

/// Reads a header row starting at `i`: its columns and the index after it.
///
/// The header's words may be split mid-word over lines (`Man` / `dator` / `y`), so the letters
/// of all its lines up to `Description` are matched against the known column words.
pub fn parse_header(lines: &[Line<'_>], i: usize) -> Option<(Vec<Column>, usize)> {
    let first = lines.get(i)?.text();
    if !(first.starts_with("Parameter") || first.starts_with("Name ")) {
        return None;
    }
    let mut letters = String::new();
    let mut j = i;
    while j < lines.len() && j < i + 8 {
        let t = lines[j].text();
        if !t.is_empty() {
            letters.extend(
                t.chars()
                    .filter(|c| c.is_ascii_alphabetic())
                    .map(|c| c.to_ascii_lowercase()),
            );
        }
        j += 1;
        if letters.ends_with("description") {
            break;
        }
    }
    if !letters.ends_with("description") {
        return None;
    }
    let mut cols = Vec::new();
    let mut rest = letters.as_str();
    while !rest.is_empty() {
        let (word, col) = HEADER_WORDS.iter().find(|(w, _)| rest.starts_with(w))?;
        cols.push(*col);
        rest = &rest[word.len()..];
    }
    if cols.first() != Some(&Column::Name) || cols.last() != Some(&Column::Description) {
        return None;
    }
    Some((cols, j))
}

/// Words that may start a type cell.
fn is_type_start(word: &str) -> bool {
    let known = [
        "String", "Integer", "Long", "Float", "Double", "Number", "Boolean", "Boolea", "Bool",
        "Array", "Object", "JSON", "Map", "Int", "List",
    ];
    if known.contains(&word) || word.starts_with("Map<") {
        return true;
    }
    // A schema name: UpperCamelCase with at least one lower-case letter after the first.
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_alphanumeric())
        && word.chars().skip(1).any(|c| c.is_ascii_lowercase())
        && word.chars().skip(1).any(|c| c.is_ascii_uppercase())
}

/// A capitalised one-word schema name (`Features`): only when the cell ends there or goes on
/// with `object`, so a sentence starting with a capital is not read as a type.
fn is_plain_type_name(word: &str, next: Option<&str>) -> bool {
    let capital = word.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    let object = matches!(next, Some("object" | "objects"));
    // v2 pages also caption nested tables by field name: `quotas quotas object`.
    let lower_model = is_name(word) && object;
    lower_model
        || (capital
            && word.chars().all(|c| c.is_ascii_alphanumeric())
            && (object || next.is_none()))
}

fn is_known_type_word(word: &str) -> bool {
    matches!(
        word,
        "String"
            | "Integer"
            | "Long"
            | "Float"
            | "Double"
            | "Number"
            | "Boolean"
            | "Array"
            | "Object"
            | "JSON"
    )
}

/// Whether `word` looks like a parameter name (`instance_id`, `includeFailure`, a fragment).
fn is_name(word: &str) -> bool {
    // `[items]` names the elements of a body that is a bare JSON array.
    word == "[items]"
        || word.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'))
}

fn is_mandatory(word: &str) -> bool {
    matches!(word, "Yes" | "No")
}

/// The cells a line must start with for a row to begin there (after the name).
fn cells_fit(words: &[&str], cols: &[Column]) -> bool {
    // `cols[0]` is the name; check the columns before the description.
    let mut k = 0;
    for col in &cols[1..] {
        let Some(word) = words.get(k).copied() else {
            return true;
        };
        match col {
            Column::Mandatory if !is_mandatory(word) => return false,
            Column::Mandatory => k += 1,
            Column::Type => {
                if !is_type_start(word) && !is_plain_type_name(word, words.get(k + 1).copied()) {
                    return false;
                }
                k += 1;
                // `Array of strings`, `Array of XYZ objects`, `XYZ object`.
                if word == "Array" && words.get(k) == Some(&"of") {
                    k += 2;
                }
                if matches!(words.get(k).copied(), Some("object" | "objects")) {
                    k += 1;
                }
            }
            Column::Description | Column::Name => return true,
        }
    }
    true
}

/// Whether a row starts at `i` (the line before is blank or a header).
pub fn is_row_start(lines: &[Line<'_>], i: usize, cols: &[Column]) -> bool {
    let words: Vec<&str> = lines[i].text().split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    if !is_name(first) {
        return false;
    }
    if words.len() > 1 {
        return cells_fit(&words[1..], cols);
    }
    // A lone name fragment: its other fragments follow up to a blank line, then the rest of
    // the row starts with the next cells.
    let mut j = i + 1;
    while j < lines.len() && !lines[j].is_blank() {
        let t = lines[j].text();
        if t.contains(' ') || !is_name_fragment(t) {
            // A lone name whose next cells are on the following line (not seen in the
            // reference, but harmless): accept when that line fits.
            return j == i + 1 && cells_fit(&t.split_whitespace().collect::<Vec<_>>(), cols);
        }
        j += 1;
    }
    while j < lines.len() && lines[j].is_blank() {
        j += 1;
    }
    match lines.get(j) {
        Some(l) => {
            let rest: Vec<&str> = l.text().split_whitespace().collect();
            !rest.is_empty() && cells_fit(&rest, cols)
        }
        None => false,
    }
}

fn is_name_fragment(t: &str) -> bool {
    t.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'))
}

/// A cursor over the words of a row's lines.
struct Cursor<'l, 'a> {
    lines: &'l [Line<'a>],
    line: usize,
    words: Vec<&'a str>,
    word: usize,
}

impl<'l, 'a> Cursor<'l, 'a> {
    fn new(lines: &'l [Line<'a>]) -> Self {
        let mut c = Cursor {
            lines,
            line: 0,
            words: Vec::new(),
            word: 0,
        };
        c.load();
        c
    }

    fn load(&mut self) {
        self.words = self
            .lines
            .get(self.line)
            .map(|l| l.text().split_whitespace().collect())
            .unwrap_or_default();
        self.word = 0;
    }

    fn at_line_end(&self) -> bool {
        self.word >= self.words.len()
    }

    fn peek(&self) -> Option<&'a str> {
        self.words.get(self.word).copied()
    }

    fn take(&mut self) -> Option<&'a str> {
        let w = self.peek()?;
        self.word += 1;
        Some(w)
    }

    /// Moves to the next line (skipping blank lines when `skip_blank`).
    fn next_line(&mut self, skip_blank: bool) {
        self.line += 1;
        while skip_blank && self.line < self.lines.len() && self.lines[self.line].is_blank() {
            self.line += 1;
        }
        self.load();
    }

    /// The lines after the current one up to the next blank line, consumed.
    fn wrapped_lines(&mut self, max: usize) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut j = self.line + 1;
        while j < self.lines.len() && !self.lines[j].is_blank() && out.len() < max {
            out.push(self.lines[j].text());
            j += 1;
        }
        // Only a short run closed by a blank line is a wrapped cell.
        let closed = j >= self.lines.len() || self.lines[j].is_blank();
        if !closed {
            return Vec::new();
        }
        self.line = j;
        self.next_line(true);
        out
    }

    fn is_done(&self) -> bool {
        self.line >= self.lines.len()
    }
}

/// Parses one row from its lines (the first line is the row start).
pub fn parse_row(lines: &[Line<'_>], cols: &[Column]) -> Result<RawRow, String> {
    let first = lines.first().ok_or("empty row")?;
    let mut row = RawRow {
        line: first.no,
        ..RawRow::default()
    };
    let mut c = Cursor::new(lines);
    let mut desc = DescBuilder::default();
    for col in cols {
        if c.is_done() {
            break;
        }
        if c.at_line_end() && *col != Column::Name {
            c.next_line(true);
            if c.is_done() {
                break;
            }
        }
        match col {
            Column::Name => {
                let name = c.take().ok_or("row without a name")?;
                row.name = name.to_string();
                if c.at_line_end() {
                    for frag in c.wrapped_lines(4) {
                        row.name.push_str(frag);
                    }
                }
            }
            Column::Mandatory => match c.peek() {
                Some(w) if is_mandatory(w) => {
                    row.required = Some(w == "Yes");
                    c.take();
                }
                Some(w) => {
                    return Err(format!(
                        "expected Yes or No in the Mandatory column, found `{w}`"
                    ))
                }
                None => {}
            },
            Column::Type => {
                let mut ty = take_type(&mut c);
                if c.at_line_end() && (needs_more(&ty) || next_is_short_wrap(&c)) {
                    for frag in c.wrapped_lines(4) {
                        ty = join_fragment(&ty, frag, is_type_continuation(&ty, frag));
                    }
                }
                row.type_text = ty;
            }
            Column::Description => {
                let rest: Vec<&str> = c.words[c.word..].to_vec();
                if !rest.is_empty() {
                    desc.push_line(&rest.join(" "));
                }
                let start = c.line + 1;
                for l in &lines[start.min(lines.len())..] {
                    desc.push_line(l.text());
                }
                break;
            }
        }
    }
    row.description = desc.finish();
    if row.type_text.is_empty() && cols.contains(&Column::Type) {
        return Err(format!("row `{}` has no type", row.name));
    }
    Ok(row)
}

/// Takes the type words that fit on the current line.
fn take_type(c: &mut Cursor<'_, '_>) -> String {
    let Some(first) = c.take() else {
        return String::new();
    };
    let mut ty = first.to_string();
    if first == "Array" && c.peek() == Some("of") {
        c.take();
        ty.push_str(" of");
        if let Some(elem) = c.take() {
            ty.push(' ');
            ty.push_str(elem);
            if matches!(c.peek(), Some("objects" | "object")) {
                ty.push(' ');
                ty.push_str(c.take().unwrap_or_default());
            }
        }
    } else if !is_known_type_word(first) && matches!(c.peek(), Some("object" | "objects")) {
        ty.push(' ');
        ty.push_str(c.take().unwrap_or_default());
    }
    ty
}

/// Whether the type text so far cannot be the whole cell.
fn needs_more(ty: &str) -> bool {
    ty.ends_with(" of")
        || ty == "Array of"
        || ty == "Boolea"
        || ty.ends_with(',')
        || ty.contains('<') && !ty.ends_with('>')
}

/// A short run of one-word lines closed by a blank line after a type: the type wrapped.
fn next_is_short_wrap(c: &Cursor<'_, '_>) -> bool {
    let mut j = c.line + 1;
    let mut n = 0;
    while j < c.lines.len() && !c.lines[j].is_blank() {
        let t = c.lines[j].text();
        if t.split_whitespace().count() > 2 || n >= 3 {
            return false;
        }
        n += 1;
        j += 1;
    }
    n > 0
}

/// Whether a wrapped piece of a type cell starts a new word: after `Array` / `of`, or when it is
/// one of the grammar's words. Otherwise the piece continues a word broken mid-way
/// (`Boolea` / `n`, `ClusterRedis` / `NodeMonitoredObject`).
fn is_type_continuation(prev: &str, frag: &str) -> bool {
    let first = frag.split_whitespace().next().unwrap_or("");
    prev.ends_with(" of")
        || prev == "Array"
        || prev.ends_with(" of objects")
        || matches!(
            first,
            "of" | "objects"
                | "object"
                | "strings"
                | "string"
                | "integers"
                | "integer"
                | "numbers"
                | "booleans"
        )
}

/// Parses the rows of a table body (`lines` start after the header, end before whatever follows
/// the table). Repeated header rows are skipped. Errors come back with their line numbers.
pub fn parse_rows(lines: &[Line<'_>], cols: &[Column]) -> (Vec<RawRow>, Vec<(usize, String)>) {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    // Lines of the table with repeated headers removed.
    let mut body: Vec<Line<'_>> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if let Some((_, next)) = parse_header(lines, i) {
            // The row before a page break continues after the repeated header: mark the break
            // with a blank line so a new row can start.
            body.push(Line {
                no: lines[i].no,
                raw: "",
            });
            i = next;
            continue;
        }
        body.push(lines[i]);
        i += 1;
    }
    let mut starts = Vec::new();
    let mut prev_blank = true;
    for (j, l) in body.iter().enumerate() {
        if l.is_blank() {
            prev_blank = true;
            continue;
        }
        if prev_blank && is_row_start(&body, j, cols) {
            starts.push(j);
        }
        prev_blank = false;
    }
    if let Some(&first) = starts.first() {
        if let Some(l) = body[..first].iter().find(|l| !l.is_blank()) {
            errors.push((
                l.no,
                format!("text before the first row of the table: `{}`", l.text()),
            ));
        }
    }
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(body.len());
        match parse_row(&body[s..end], cols) {
            Ok(r) => rows.push(r),
            Err(e) => errors.push((body[s].no, e)),
        }
    }
    (rows, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layouts::pdf::lines::clean;

    fn rows(text: &str) -> Vec<RawRow> {
        let lines = clean(text);
        let (cols, next) = parse_header(&lines, 0).unwrap();
        let (rows, errors) = parse_rows(&lines[next..], &cols);
        assert!(errors.is_empty(), "{errors:?}");
        rows
    }

    #[test]
    fn v1_header_split_mid_word() {
        let lines = clean("Parameter Man\ndator\ny\n\nType Description\n\nkey No String Tag key\n");
        let (cols, next) = parse_header(&lines, 0).unwrap();
        assert_eq!(
            cols,
            vec![
                Column::Name,
                Column::Mandatory,
                Column::Type,
                Column::Description
            ]
        );
        assert_eq!(lines[next].text(), "");
    }

    #[test]
    fn wrapped_name_and_enum_bullets() {
        let r = rows("Parameter Mandatory Type Description\n\nremark No String Description of DCS instance\nbackup.\n\nbackup_forma\nt\n\nNo String Format of the DCS instance\nbackup.\nEnumeration values:\n● aof\n● rdb\n");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].name, "backup_format");
        assert_eq!(r[1].required, Some(false));
        assert_eq!(r[1].type_text, "String");
        assert_eq!(
            r[1].description,
            "Format of the DCS instance backup.\nEnumeration values:\n● aof\n● rdb"
        );
    }

    #[test]
    fn multi_line_types() {
        let r = rows("Parameter Mandatory Type Description\n\naz_codes Yes Array of\nstrings\n\nCode of the AZ where the\ncache node resides.\n\nbss_param No BssParamEnti\nty\n\nBilling.\n");
        assert_eq!(r[0].type_text, "Array of strings");
        assert_eq!(
            r[0].description,
            "Code of the AZ where the cache node resides."
        );
        assert_eq!(r[1].type_text, "BssParamEntity");
    }

    #[test]
    fn v1_type_before_mandatory_with_both_wrapped() {
        let r = rows("Parameter Type Manda\ntory\n\nDescription\n\nenable_pu\nblicip\n\nBoolea\nn\n\nNo An indicator of whether to enable public access.\n\ntags Array\nof\nobjects\n\nNo Instance tag key and value.\n");
        assert_eq!(r[0].name, "enable_publicip");
        assert_eq!(r[0].type_text, "Boolean");
        assert_eq!(r[0].required, Some(false));
        assert_eq!(r[1].type_text, "Array of objects");
        assert_eq!(r[1].description, "Instance tag key and value.");
    }
}
