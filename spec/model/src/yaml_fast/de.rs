//! A `serde::Deserializer` over the fast path's node tree that reads values as serde_yaml 0.9
//! does (its `src/de.rs`, `DeserializerFromEvents`). The subset has no tags, anchors or aliases,
//! which leaves these rules:
//!
//! - strings: any scalar gives its text (a plain `123` is the string "123");
//! - booleans and numbers: only plain scalars, read by serde_yaml's own functions (`num`);
//! - options and unit: a plain scalar that is empty or `null`/`Null`/`NULL`/`~` is None/unit;
//! - sequences and mappings (structs too): an empty plain scalar is an empty one;
//! - enums: a scalar names a unit variant;
//! - `deserialize_any`: serde_yaml's `visit_untagged_scalar` for plain scalars.
//!
//! Where serde_yaml's reading is not copied here (signed and 128-bit integers, bytes), the
//! deserializer errors, and the caller falls back to serde_yaml.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Visitor};

use super::{num, Node, Scalar, Style};

/// Why the fast path gave up. Never shown: the caller falls back to serde_yaml, whose error
/// (with its position) is the one reported.
#[derive(Debug)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

fn decline<T>(what: &str) -> Result<T, Error> {
    Err(Error(format!("left to serde_yaml: {what}")))
}

impl Node<'_> {
    /// The text of a plain scalar: the only kind serde_yaml reads as a boolean or number.
    fn plain_text(&self) -> Option<&str> {
        match self {
            Node::Scalar(s) if s.style == Style::Plain => Some(&s.text),
            _ => None,
        }
    }

    /// serde_yaml's null for options and unit.
    fn is_null(&self) -> bool {
        self.plain_text()
            .is_some_and(|t| t.is_empty() || num::parse_null(t))
    }

    /// serde_yaml's empty sequence or mapping: an empty plain scalar (`null` is not one).
    fn is_empty_plain(&self) -> bool {
        self.plain_text().is_some_and(str::is_empty)
    }
}

/// Hands a scalar's text to a visitor, borrowed from the input where it can be.
fn visit_text<'de, V: Visitor<'de>>(text: Cow<'de, str>, visitor: V) -> Result<V::Value, Error> {
    match text {
        Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
        Cow::Owned(text) => visitor.visit_string(text),
    }
}

/// serde_yaml's `visit_untagged_scalar`: what a plain scalar is when the type does not say.
fn visit_untagged<'de, V: Visitor<'de>>(
    text: Cow<'de, str>,
    visitor: V,
) -> Result<V::Value, Error> {
    let t: &str = &text;
    if t.is_empty() || num::parse_null(t) {
        return visitor.visit_unit();
    }
    if let Some(b) = num::parse_bool(t) {
        return visitor.visit_bool(b);
    }
    if let Some(n) = num::parse_unsigned_int(t, u64::from_str_radix) {
        return visitor.visit_u64(n);
    }
    if let Some(n) = num::parse_negative_int(t, i64::from_str_radix) {
        return visitor.visit_i64(n);
    }
    if let Some(n) = num::parse_unsigned_int(t, u128::from_str_radix) {
        return visitor.visit_u128(n);
    }
    if let Some(n) = num::parse_negative_int(t, i128::from_str_radix) {
        return visitor.visit_i128(n);
    }
    if !num::digits_but_not_number(t) {
        if let Some(f) = num::parse_f64(t) {
            return visitor.visit_f64(f);
        }
    }
    visit_text(text, visitor)
}

fn visit_seq<'de, V: Visitor<'de>>(items: Vec<Node<'de>>, visitor: V) -> Result<V::Value, Error> {
    let mut access = SeqAccess {
        items: items.into_iter(),
    };
    let value = visitor.visit_seq(&mut access)?;
    // serde_yaml rejects elements the visitor left unread (`invalid_length`).
    if access.items.len() != 0 {
        return decline("unread sequence elements");
    }
    Ok(value)
}

fn visit_map<'de, V: Visitor<'de>>(
    entries: Vec<(Scalar<'de>, Node<'de>)>,
    visitor: V,
) -> Result<V::Value, Error> {
    let mut access = MapAccess {
        entries: entries.into_iter(),
        value: None,
    };
    let value = visitor.visit_map(&mut access)?;
    // As for sequences: serde_yaml rejects entries left unread.
    if access.entries.len() != 0 || access.value.is_some() {
        return decline("unread mapping entries");
    }
    Ok(value)
}

impl<'de> de::Deserializer<'de> for Node<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Node::Scalar(s) if s.style == Style::Plain => visit_untagged(s.text, visitor),
            Node::Scalar(s) => visit_text(s.text, visitor),
            Node::Seq(items) => visit_seq(items, visitor),
            Node::Map(entries) => visit_map(entries, visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.plain_text().and_then(num::parse_bool) {
            Some(b) => visitor.visit_bool(b),
            None => decline("not a plain boolean"),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let text = self.plain_text();
        match text.and_then(|t| num::parse_unsigned_int(t, u64::from_str_radix)) {
            Some(n) => visitor.visit_u64(n),
            None => decline("not a plain unsigned integer"),
        }
    }

    // serde_yaml reads the narrower types as u64 and lets the visitor check the range.
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.plain_text().and_then(num::parse_f64) {
            Some(f) => visitor.visit_f64(f),
            None => decline("not a plain float"),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    // Not used by the spec model: left to serde_yaml.
    fn deserialize_i8<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        decline("signed integer")
    }

    fn deserialize_i16<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        decline("signed integer")
    }

    fn deserialize_i32<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        decline("signed integer")
    }

    fn deserialize_i64<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        decline("signed integer")
    }

    fn deserialize_i128<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        decline("128-bit integer")
    }

    fn deserialize_u128<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        decline("128-bit integer")
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        decline("bytes")
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
        decline("bytes")
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Node::Scalar(s) => visit_text(s.text, visitor),
            _ => decline("a collection where a string was expected"),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_unit()
        } else {
            decline("not null")
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Node::Seq(items) => visit_seq(items, visitor),
            node if node.is_empty_plain() => visit_seq(Vec::new(), visitor),
            _ => decline("not a sequence"),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Node::Map(entries) => visit_map(entries, visitor),
            node if node.is_empty_plain() => visit_map(Vec::new(), visitor),
            _ => decline("not a mapping"),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Node::Scalar(s) => visitor.visit_enum(UnitVariant(s)),
            // serde_yaml reads a collection as an enum only behind a `!Variant` tag.
            _ => decline("a collection where an enum was expected"),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

struct SeqAccess<'de> {
    items: std::vec::IntoIter<Node<'de>>,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.items.next().map(|n| seed.deserialize(n)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAccess<'de> {
    entries: std::vec::IntoIter<(Scalar<'de>, Node<'de>)>,
    /// The value of the key just read.
    value: Option<Node<'de>>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(Node::Scalar(key)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => decline("a value asked for before its key"),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A scalar read as an enum: it names a unit variant (serde_yaml's `UnitVariantAccess`).
struct UnitVariant<'de>(Scalar<'de>);

impl<'de> de::EnumAccess<'de> for UnitVariant<'de> {
    type Error = Error;
    type Variant = UnitOnly;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, UnitOnly), Error> {
        Ok((seed.deserialize(Node::Scalar(self.0))?, UnitOnly))
    }
}

struct UnitOnly;

impl<'de> de::VariantAccess<'de> for UnitOnly {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value, Error> {
        decline("newtype variant from a scalar")
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Error> {
        decline("tuple variant from a scalar")
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Error> {
        decline("struct variant from a scalar")
    }
}
