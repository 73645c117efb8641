//! The error of a generated builder's `build()`.

use std::fmt;

/// A request model was built without a field the API reference marks required.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BuildError {
    /// The model (`CreateInstanceBody`).
    pub model: &'static str,
    /// The field's name on the wire (`vpc_id`).
    pub field: &'static str,
}

impl BuildError {
    /// The error for `field` of `model` left unset.
    pub const fn missing(model: &'static str, field: &'static str) -> Self {
        BuildError { model, field }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the required field `{}` is not set",
            self.model, self.field
        )
    }
}

impl std::error::Error for BuildError {}

/// `?` on a builder's `build()` in code that returns the runtime's errors: the request cannot be
/// made.
impl From<BuildError> for crate::Error {
    fn from(e: BuildError) -> Self {
        crate::Error::InvalidRequest(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_model_and_the_field() {
        assert_eq!(
            BuildError::missing("CreateInstanceBody", "vpc_id").to_string(),
            "CreateInstanceBody: the required field `vpc_id` is not set"
        );
    }
}
