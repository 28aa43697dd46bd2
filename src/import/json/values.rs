//! Pure, no I/O. Deserialisers for single field values: objects only, the version, counts,
//! direction, invitation type and `sent_at` (RFC 3339 text or epoch milliseconds).

use super::*;

/// Accept only JSON objects (serde's derived structs would also take arrays).
pub(super) struct Object<T>(pub(super) T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an invitation object {\"from\": ..., \"sent_at\": ..., ...}")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(V(PhantomData)).map(Object)
    }
}

/// `version`: a whole number.
pub(super) struct Version(pub(super) u64);

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Version;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "`version` as a number ({VERSION})")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Version, E> {
                Ok(Version(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Version, E> {
                u64::try_from(v)
                    .map(Version)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

/// `mutual_connections`: a whole number.
pub(super) struct Count(pub(super) u32);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`mutual_connections` as a whole number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
                u32::try_from(v)
                    .map(Count)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
                u32::try_from(v)
                    .map(Count)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Count, E> {
                if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) {
                    Ok(Count(v as u32))
                } else {
                    Err(E::invalid_value(de::Unexpected::Float(v), &self))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// `direction`: `incoming` or `outgoing`, any case (LinkedIn writes `INCOMING`).
pub(super) struct DirectionField(pub(super) Direction);

impl<'de> Deserialize<'de> for DirectionField {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DirectionField;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`direction` as \"incoming\" or \"outgoing\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DirectionField, E> {
                if v.eq_ignore_ascii_case("incoming") {
                    Ok(DirectionField(Direction::Incoming))
                } else if v.eq_ignore_ascii_case("outgoing") {
                    Ok(DirectionField(Direction::Outgoing))
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// `type`: `connection`, `organization` (or `page`), `event`, `newsletter`, any case; any
/// other name is kept as [`InvitationType::Other`].
pub(super) struct TypeField(pub(super) InvitationType);

impl<'de> Deserialize<'de> for TypeField {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = TypeField;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "`type` as \"connection\", \"organization\", \"event\", \"newsletter\" or another name",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TypeField, E> {
                let t = v.trim();
                let is = |name: &str| t.eq_ignore_ascii_case(name);
                let kind = if t.is_empty() {
                    return Err(E::invalid_value(de::Unexpected::Str(v), &self));
                } else if is("connection") {
                    InvitationType::Connection
                } else if is("organization") || is("organisation") || is("page") || is("company") {
                    InvitationType::Organization
                } else if is("event") {
                    InvitationType::Event
                } else if is("newsletter") {
                    InvitationType::Newsletter
                } else {
                    InvitationType::Other
                };
                Ok(TypeField(kind))
            }
        }
        d.deserialize_any(V)
    }
}

/// `sent_at`: RFC 3339 text with a zone offset, or epoch milliseconds.
pub(super) struct SentAt(pub(super) DateTime<Utc>);

const SENT_AT_EXPECTED: &str = "`sent_at` as RFC 3339 text (\"2026-11-20T09:14:00-08:00\") \
                                or epoch milliseconds (1795194840000)";

impl<'de> Deserialize<'de> for SentAt {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl V {
            fn millis<E: de::Error>(ms: i64) -> Result<SentAt, E> {
                if (0..MIN_EPOCH_MS).contains(&ms) {
                    return Err(E::custom(format!(
                        "`sent_at` {ms} looks like epoch seconds: expected epoch milliseconds \
                         (multiply by 1000) or RFC 3339 text"
                    )));
                }
                if ms < 0 {
                    return Err(E::custom(format!(
                        "`sent_at` {ms} is before 1970: expected {SENT_AT_EXPECTED}"
                    )));
                }
                DateTime::from_timestamp_millis(ms)
                    .and_then(crate::import::linkedin_csv::in_range)
                    .map(SentAt)
                    .ok_or_else(|| {
                        E::custom(format!(
                            "`sent_at` {ms} is out of range: expected {SENT_AT_EXPECTED}"
                        ))
                    })
            }
        }
        impl Visitor<'_> for V {
            type Value = SentAt;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(SENT_AT_EXPECTED)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SentAt, E> {
                V::millis(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SentAt, E> {
                V::millis(v)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<SentAt, E> {
                if v.fract() == 0.0 && v.abs() < 9.0e15 {
                    V::millis(v as i64)
                } else {
                    Err(E::invalid_value(de::Unexpected::Float(v), &self))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SentAt, E> {
                if let Ok(t) = DateTime::parse_from_rfc3339(v.trim()) {
                    // An offset can carry a time past 9999 or before 1970 in UTC, which
                    // `list` could not write back as RFC 3339 (or as epoch milliseconds).
                    return crate::import::linkedin_csv::in_range(t.with_timezone(&Utc))
                        .map(SentAt)
                        .ok_or_else(|| {
                            E::custom(format!(
                                "`sent_at` {:?} is out of range: expected a time between 1970 \
                                 and 9999 in UTC",
                                v.trim()
                            ))
                        });
                }
                let shown: String = v.chars().take(40).collect();
                let naive = [
                    "%Y-%m-%dT%H:%M:%S%.f",
                    "%Y-%m-%d %H:%M:%S%.f",
                    "%Y-%m-%dT%H:%M",
                ]
                .iter()
                .any(|f| NaiveDateTime::parse_from_str(v.trim(), f).is_ok());
                if naive {
                    Err(E::custom(format!(
                        "`sent_at` {shown:?} has no zone offset: expected RFC 3339 text with one, \
                         such as \"2026-11-20T09:14:00-08:00\" or \"2026-11-20T17:14:00Z\""
                    )))
                } else {
                    Err(E::custom(format!(
                        "`sent_at` {shown:?} is not a time: expected {SENT_AT_EXPECTED}"
                    )))
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::err;

    #[test]
    fn sent_at_mistakes_are_explained() {
        let p = |v: &str| err(&format!("{{\"from\": \"Ana\", \"sent_at\": {v}}}")).2;
        assert!(p("1795194840").contains("looks like epoch seconds"));
        assert!(p("\"2026-11-20T09:14:00\"").contains("has no zone offset"));
        assert!(p("\"20/11/2026\"").contains("is not a time"));
        assert!(p("-5").contains("before 1970"));
        assert!(p("1.5").contains("expected `sent_at`"));
        assert!(p("[]").contains("expected `sent_at`"));
        let (line, column, problem) = err("{\"from\": \"Ana\"}");
        assert_eq!((line, column), (Some(1), Some(1)));
        assert!(problem.contains("expected `sent_at` as RFC 3339 text or epoch milliseconds"));
    }

    #[test]
    fn bad_field_values_are_explained() {
        let p = |kv: &str| {
            err(&format!(
                "{{\"from\": \"Ana\", \"sent_at\": 1795194840000, {kv}}}"
            ))
            .2
        };
        assert!(
            p("\"direction\": \"sideways\"")
                .contains("`direction` as \"incoming\" or \"outgoing\"")
        );
        assert!(p("\"type\": \"\"").contains("`type` as"));
        assert!(p("\"type\": 3").contains("`type` as"));
        assert!(p("\"message\": 5").contains("expected a string"));
        assert!(p("\"to\": 5").contains("a person"));
        assert!(p("\"note\": \"a\", \"message\": \"b\"").contains("duplicate field `message`"));
        let p = |kv: &str| {
            err(&format!(
                "{{\"from\": {{\"name\": \"Ana\", {kv}}}, \"sent_at\": 1795194840000}}"
            ))
            .2
        };
        assert!(p("\"mutual_connections\": -1").contains("`mutual_connections` as a whole number"));
        assert!(
            p("\"mutual_connections\": \"12\"").contains("`mutual_connections` as a whole number")
        );
        let (_, _, problem) = err("{\"sent_at\": 1795194840000}");
        assert!(
            problem.contains("incoming invitation without a name for `from`"),
            "{problem}"
        );
        let (_, _, problem) = err("{\"from\": {\"headline\": \"x\"}, \"sent_at\": 1795194840000}");
        assert!(problem.contains("`from.first_name`"), "{problem}");
    }
}
