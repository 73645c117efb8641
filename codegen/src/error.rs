//! The one error type of the generator: a message with the spec position it concerns.

use std::fmt;

/// An error of the generator. Positions are 1-based and point into the spec file when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodegenError {
    /// The spec file, as the caller named it.
    pub file: Option<String>,
    /// 1-based line in the spec file.
    pub line: Option<usize>,
    /// 1-based column in the spec file.
    pub column: Option<usize>,
    /// What is wrong, naming the item concerned.
    pub message: String,
}

impl CodegenError {
    /// An error without a position.
    pub fn new(message: impl Into<String>) -> Self {
        CodegenError {
            file: None,
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// The same error, attributed to `file`.
    pub fn in_file(mut self, file: &str) -> Self {
        self.file = Some(file.to_string());
        self
    }
}

impl fmt::Display for CodegenError {
    /// `file:line:col: message`, leaving out the parts that are unknown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}:")?;
            if let Some(line) = self.line {
                write!(f, "{line}:")?;
                if let Some(column) = self.column {
                    write!(f, "{column}:")?;
                }
            }
            f.write_str(" ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for CodegenError {}

impl From<apiref_spec::SpecError> for CodegenError {
    fn from(e: apiref_spec::SpecError) -> Self {
        CodegenError {
            file: Some(e.file),
            line: (e.line > 0).then_some(e.line),
            column: (e.column > 0).then_some(e.column),
            message: e.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_leaves_out_unknown_parts() {
        let mut e = CodegenError::new("boom");
        assert_eq!(e.to_string(), "boom");
        e.file = Some("a.yaml".into());
        assert_eq!(e.to_string(), "a.yaml: boom");
        e.line = Some(3);
        assert_eq!(e.to_string(), "a.yaml:3: boom");
        e.column = Some(7);
        assert_eq!(e.to_string(), "a.yaml:3:7: boom");
    }
}
