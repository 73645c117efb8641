//! How generated reply models deserialize: one visitor here, shared by every model, instead of
//! a `#[derive(Deserialize)]` per model.
//!
//! A reply model (every field optional, unknown fields ignored) implements [`ReadFields`]: its
//! name, a `match` from wire name to field number, and a `match` from number to the read of that
//! field. Its `Deserialize` is then one line, [`read_fields`]. The derive would emit a field enum,
//! two visitors and a wrapper type per field with a lenient reader for every model; the compiler
//! checks this visitor once, so a client crate with hundreds of reply models builds much faster.
//! Matching the key inside the key's visitor, while the deserializer still holds it, keeps no
//! copy of the key: reading a reply takes fewer instructions than the derive's visitor.
//!
//! What a model reads is what the derive with `#[serde(default)]` fields read: a JSON object, a
//! missing or `null` field is `None`, unknown fields are skipped, and scalar fields use the
//! [`lenient`](crate::lenient) readers ([`read_text`], [`read_int`], [`read_num`], [`read_flag`]). A field given
//! twice keeps its last value.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

/// A model read field by field by [`read_fields`]; implemented by generated reply models.
pub trait ReadFields: Default {
    /// The type's name, for errors (`expected struct ShowInstanceResponse`).
    const NAME: &'static str;

    /// The number of the field whose wire name is `key`, `None` when the model has no such field.
    /// The key is matched while the deserializer still holds it, so it is never copied.
    fn field(key: &str) -> Option<u16>;

    /// Reads the value of field number `field` (from [`field`](Self::field)) from `map` into
    /// `self`.
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        field: u16,
        map: &mut A,
    ) -> Result<(), A::Error>;
}

/// The `Deserialize` of a [`ReadFields`] model: a JSON object, field by field.
#[inline]
pub fn read_fields<'de, T: ReadFields, D: de::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(Fields::<T>(PhantomData))
}

struct Fields<T>(PhantomData<T>);

impl<'de, T: ReadFields> Visitor<'de> for Fields<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        while let Some(field) = map.next_key_seed(Key::<T>(PhantomData))? {
            match field {
                Some(field) => value.read_field(field, &mut map)?,
                None => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok(value)
    }
}

/// Reads a key as the number of the field of `T` it names.
struct Key<T>(PhantomData<T>);

impl<'de, T: ReadFields> DeserializeSeed<'de> for Key<T> {
    type Value = Option<u16>;

    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, T: ReadFields> Visitor<'de> for Key<T> {
    type Value = Option<u16>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(T::field(v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        Ok(T::field(&String::from_utf8_lossy(v)))
    }
}

macro_rules! lenient_readers {
    ($($(#[$doc:meta])* $name:ident: $ty:ty = $reader:path;)*) => {$(
        $(#[$doc])*
        #[inline]
        pub fn $name<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<$ty>, A::Error> {
            struct Seed;
            impl<'de> DeserializeSeed<'de> for Seed {
                type Value = Option<$ty>;
                #[inline]
                fn deserialize<D: de::Deserializer<'de>>(
                    self,
                    deserializer: D,
                ) -> Result<Self::Value, D::Error> {
                    $reader(deserializer)
                }
            }
            map.next_value_seed(Seed)
        }
    )*};
}

lenient_readers! {
    /// The next value of `map` as optional text, read by [`lenient::text`](crate::lenient::text).
    read_text: String = crate::lenient::text;
    /// The next value as an optional integer, read by [`lenient::int`](crate::lenient::int).
    read_int: i64 = crate::lenient::int;
    /// The next value as an optional number, read by [`lenient::num`](crate::lenient::num).
    read_num: f64 = crate::lenient::num;
    /// The next value as an optional boolean, read by [`lenient::flag`](crate::lenient::flag).
    read_flag: bool = crate::lenient::flag;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Reply {
        count: Option<i64>,
        name: Option<String>,
        items: Option<Vec<Reply>>,
    }

    impl ReadFields for Reply {
        const NAME: &'static str = "Reply";
        fn field(key: &str) -> Option<u16> {
            match key {
                "count" => Some(0),
                "items" => Some(1),
                "name" => Some(2),
                _ => None,
            }
        }
        fn read_field<'de, A: MapAccess<'de>>(
            &mut self,
            field: u16,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match field {
                0 => self.count = read_int(map)?,
                1 => self.items = map.next_value()?,
                _ => self.name = read_text(map)?,
            }
            Ok(())
        }
    }

    impl<'de> serde::Deserialize<'de> for Reply {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            read_fields(d)
        }
    }

    #[test]
    fn reads_known_fields_leniently_and_skips_the_rest() {
        let r: Reply = serde_json::from_str(
            r#"{"name": 7, "extra": {"a": [1, 2]}, "count": "3", "items": [{"count": null}]}"#,
        )
        .unwrap();
        assert_eq!(
            r,
            Reply {
                count: Some(3),
                name: Some("7".into()),
                items: Some(vec![Reply::default()]),
            }
        );
        assert_eq!(
            serde_json::from_str::<Reply>("{}").unwrap(),
            Reply::default()
        );
        // Keys with escapes are not borrowed; values from a `serde_json::Value` are owned.
        let r: Reply = serde_json::from_str(r#"{"n\u0061me": "x"}"#).unwrap();
        assert_eq!(r.name.as_deref(), Some("x"));
        let r: Reply = serde_json::from_value(serde_json::json!({"count": 2})).unwrap();
        assert_eq!(r.count, Some(2));
    }

    #[test]
    fn errors_name_the_struct_and_the_value() {
        let e = serde_json::from_str::<Reply>(r#""text""#).unwrap_err();
        assert!(e.to_string().contains("expected struct Reply"), "{e}");
        let e = serde_json::from_str::<Reply>(r#"{"count": "lots"}"#).unwrap_err();
        assert!(e.to_string().contains("lots"), "{e}");
    }
}
