//! Credentials, and the redaction that keeps secrets out of logs.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What `Debug` prints in place of a secret.
pub const REDACTED: &str = "** redacted **";

/// How requests authenticate.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credentials {
    /// Access key / secret key: every request is signed with `SDK-HMAC-SHA256`.
    AkSk {
        ak: String,
        sk: String,
        /// For temporary credentials: sent (and signed) as `X-Security-Token`.
        security_token: Option<String>,
    },
    /// An IAM token sent as `X-Auth-Token`.
    Token(String),
}

impl Credentials {
    /// Permanent AK/SK credentials.
    pub fn aksk(ak: impl Into<String>, sk: impl Into<String>) -> Self {
        Credentials::AkSk {
            ak: ak.into(),
            sk: sk.into(),
            security_token: None,
        }
    }

    /// Temporary AK/SK credentials with their security token.
    pub fn temporary(
        ak: impl Into<String>,
        sk: impl Into<String>,
        security_token: impl Into<String>,
    ) -> Self {
        Credentials::AkSk {
            ak: ak.into(),
            sk: sk.into(),
            security_token: Some(security_token.into()),
        }
    }

    /// IAM token authentication.
    pub fn token(token: impl Into<String>) -> Self {
        Credentials::Token(token.into())
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::AkSk { security_token, .. } => f
                .debug_struct("AkSk")
                .field("ak", &REDACTED)
                .field("sk", &REDACTED)
                .field("security_token", &security_token.as_ref().map(|_| REDACTED))
                .finish(),
            Credentials::Token(_) => f.debug_tuple("Token").field(&REDACTED).finish(),
        }
    }
}

/// A value that must not be printed: `Debug` shows [`REDACTED`], serde sees the value itself.
/// The generator wraps fields it judges sensitive (passwords) in it.
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Sensitive<T>(pub T);

impl<T> Sensitive<T> {
    /// The secret value.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the secret value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Sensitive(value)
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let all = [
            Credentials::aksk("AKVISIBLE", "SKSECRET"),
            Credentials::temporary("AKVISIBLE", "SKSECRET", "STSSECRET"),
            Credentials::token("TOKENSECRET"),
        ];
        for c in &all {
            let s = format!("{c:?} {c:#?}");
            for secret in ["AKVISIBLE", "SKSECRET", "STSSECRET", "TOKENSECRET"] {
                assert!(!s.contains(secret), "{s}");
            }
            assert!(s.contains(REDACTED), "{s}");
        }
    }

    #[test]
    fn sensitive_is_transparent_to_serde_but_not_to_debug() {
        let p = Sensitive("hunter2".to_string());
        assert_eq!(format!("{p:?}"), REDACTED);
        assert_eq!(
            serde_json::to_string(&p).expect("serializes"),
            "\"hunter2\""
        );
        let back: Sensitive<String> = serde_json::from_str("\"x\"").expect("parses");
        assert_eq!(back.expose(), "x");
    }
}
