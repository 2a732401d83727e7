//! Article dates: the one parser for build time (documents are numbered in date order) and query
//! time (date ranges), so the two cannot disagree.
//!
//! A date-only value (`2025-09-19`) is a calendar date: it is kept as that day, never shifted by a
//! time zone. A value with a time (`2024-01-15T10:30:00+08:00`, `2024-01-15 10:30:00 +0800`,
//! `…Z`, or no zone = UTC) is an instant. Both become a [`When`]: seconds since 1970-01-01 00:00
//! UTC, a calendar date counting as its midnight UTC, so that instants and dates sort together.
//!
//! ```
//! use article_search_engine::date::When;
//! let day = When::parse("2025-09-19").unwrap();
//! assert!(day.date_only);
//! let t = When::parse("2025-09-19T08:00:00+08:00").unwrap();
//! assert_eq!(t.seconds, day.seconds, "08:00 in Hong Kong is midnight UTC");
//! assert!(When::parse("September 2025").is_none());
//! ```

/// A parsed date or instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct When {
    /// Seconds since 1970-01-01T00:00:00Z (a calendar date: its midnight UTC).
    pub seconds: i64,
    /// The value had no time of day.
    pub date_only: bool,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Reads `n` ASCII digits.
fn digits(s: &mut &[u8], n: usize) -> Option<u32> {
    let (head, tail) = (s.get(..n)?, s.get(n..)?);
    let mut v = 0u32;
    for &b in head {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(b - b'0');
    }
    *s = tail;
    Some(v)
}

fn eat(s: &mut &[u8], c: u8) -> bool {
    if s.first() == Some(&c) {
        *s = &s[1..];
        true
    } else {
        false
    }
}

impl When {
    /// The last second a range ending at this value includes: a calendar date includes its whole
    /// day (`to: 2025-09-19` keeps an article of 23:30 UTC that day), an instant only itself.
    pub fn range_end(&self) -> i64 {
        if self.date_only {
            self.seconds + 86_399
        } else {
            self.seconds
        }
    }

    /// Parses `YYYY-MM-DD`, optionally followed by `T` or a space, `HH:MM[:SS[.fff]]`, and a
    /// zone: `Z`, `±HH:MM`, `±HHMM` (a space before it allowed). `None` for anything else.
    pub fn parse(s: &str) -> Option<When> {
        let mut b = s.trim().as_bytes();
        let y = i64::from(digits(&mut b, 4)?);
        if !eat(&mut b, b'-') {
            return None;
        }
        let m = digits(&mut b, 2)?;
        if !eat(&mut b, b'-') {
            return None;
        }
        let d = digits(&mut b, 2)?;
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        let day = days_from_civil(y, m, d) * 86_400;
        if b.is_empty() {
            return Some(When {
                seconds: day,
                date_only: true,
            });
        }
        if !(eat(&mut b, b'T') || eat(&mut b, b't') || eat(&mut b, b' ')) {
            return None;
        }
        let h = digits(&mut b, 2)?;
        if !eat(&mut b, b':') {
            return None;
        }
        let min = digits(&mut b, 2)?;
        let sec = if eat(&mut b, b':') {
            let sec = digits(&mut b, 2)?;
            if eat(&mut b, b'.') || eat(&mut b, b',') {
                while b.first().is_some_and(u8::is_ascii_digit) {
                    b = &b[1..];
                }
            }
            sec
        } else {
            0
        };
        if h > 23 || min > 59 || sec > 60 {
            return None;
        }
        eat(&mut b, b' ');
        let offset = match b.first() {
            None => 0,
            Some(b'Z' | b'z') if b.len() == 1 => 0,
            Some(&sign @ (b'+' | b'-')) => {
                b = &b[1..];
                let oh = digits(&mut b, 2)?;
                eat(&mut b, b':');
                let om = digits(&mut b, 2)?;
                if !b.is_empty() || oh > 23 || om > 59 {
                    return None;
                }
                let o = i64::from(oh * 3600 + om * 60);
                if sign == b'-' {
                    -o
                } else {
                    o
                }
            }
            _ => return None,
        };
        Some(When {
            seconds: day + i64::from(h * 3600 + min * 60 + sec) - offset,
            date_only: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(
            days_from_civil(2024, 2, 29) + 1,
            days_from_civil(2024, 3, 1)
        );
    }

    #[test]
    fn the_forms_site_generators_write() {
        let day = When::parse("2024-01-15").unwrap().seconds;
        let at = |s: &str| When::parse(s).map(|w| w.seconds - day);
        assert_eq!(at("2024-01-15T10:30:00Z"), Some(37_800));
        assert_eq!(at("2024-01-15T10:30:00+08:00"), Some(37_800 - 8 * 3600));
        assert_eq!(at("2024-01-15 10:30:00 +0800"), Some(37_800 - 8 * 3600));
        assert_eq!(at("2024-01-15T10:30"), Some(37_800));
        assert_eq!(at("2024-01-15T10:30:00.123-05:00"), Some(37_800 + 5 * 3600));
        assert_eq!(at(" 2024-01-15 "), Some(0));
    }

    #[test]
    fn invalid_dates_are_none() {
        for s in [
            "",
            "2024",
            "2024-13-01",
            "2024-02-30",
            "2023-02-29",
            "2024-01-15T25:00",
            "2024-01-15X",
            "2024-01-15T10:30+8",
            "15/01/2024",
            "２０２４-01-15",
            "2024-01-15T10:30:00+08:00junk",
        ] {
            assert_eq!(When::parse(s), None, "{s:?}");
        }
    }

    #[test]
    fn a_range_ending_on_a_date_includes_the_day() {
        let day = When::parse("2025-09-19").unwrap();
        let late = When::parse("2025-09-19T23:59:59Z").unwrap();
        assert_eq!(day.range_end(), late.seconds);
        assert_eq!(late.range_end(), late.seconds);
    }

    #[test]
    fn a_date_only_value_is_never_shifted() {
        let w = When::parse("2025-09-19").unwrap();
        assert!(w.date_only);
        assert_eq!(w.seconds % 86_400, 0);
        assert_eq!(w.seconds / 86_400, days_from_civil(2025, 9, 19));
    }
}
