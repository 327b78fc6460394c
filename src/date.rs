//! Calendar dates as the program writes them (`YYYY-MM-DD`, UTC), without a
//! date crate: the basket stamps excerpts with the day they were collected and
//! exports carry the day they were written. Also a report's `published`
//! value: checked against the calendar and written out ("13 August 2012"),
//! and dates read from documents. Nothing here reads a file.

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    date_of(i64::try_from(secs).unwrap_or(0))
}

/// The UTC date of a Unix time, as `YYYY-MM-DD`.
pub fn date_of(unix_seconds: i64) -> String {
    let (y, m, d) = civil_from_days(unix_seconds.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Year, month and day of a count of days since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, valid for the proleptic Gregorian calendar).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m as u32, d as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(date_of(951_782_400), "2000-02-29");
        assert_eq!(date_of(1_709_164_800), "2024-02-29");
        assert_eq!(date_of(1_735_689_599), "2024-12-31");
        assert_eq!(date_of(1_735_689_600), "2025-01-01");
        assert_eq!(date_of(4_107_542_400), "2100-03-01");
        let t = today();
        assert_eq!(t.len(), 10);
        assert!(super::valid_date(&t), "{t}");
    }
}

/// The months' names in English, lowercase.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// How many days month `month` (1–12) of `year` has; 0 for no such month.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// Writes a `published` value out: "2014", "September 2014", "13 August 2012".
pub fn format_date(published: &str) -> String {
    let parts: Vec<&str> = published.split('-').collect();
    let month = |m: &str| {
        m.parse::<usize>()
            .ok()
            .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
            .map(|name| {
                let mut c = name.chars();
                c.next()
                    .map(|first| first.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
    };
    match parts.as_slice() {
        [y, m] => match month(m) {
            Some(name) => format!("{name} {y}"),
            None => published.to_string(),
        },
        [y, m, d] => match (month(m), d.parse::<u32>()) {
            (Some(name), Ok(d)) => format!("{d} {name} {y}"),
            _ => published.to_string(),
        },
        _ => published.to_string(),
    }
}

/// Checks a `published` value: a year, year-month, or full date that is on
/// the calendar (not 30 February).
pub fn valid_date(published: &str) -> bool {
    let parts: Vec<&str> = published.split('-').collect();
    let num = |s: &str, len: usize, lo: u32, hi: u32| {
        s.len() == len
            && s.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
    };
    match parts.as_slice() {
        [y] => num(y, 4, 1000, 9999),
        [y, m] => num(y, 4, 1000, 9999) && num(m, 2, 1, 12),
        [y, m, d] => {
            num(y, 4, 1000, 9999)
                && num(m, 2, 1, 12)
                && num(d, 2, 1, 31)
                && d.parse::<u32>().unwrap_or(0)
                    <= days_in_month(y.parse().unwrap_or(0), m.parse().unwrap_or(0))
        }
        _ => false,
    }
}

/// Why `published` is no `published` value (see [`valid_date`]), in words
/// to follow the value: a day the month does not have is named as such.
pub fn why_not_a_date(published: &str) -> String {
    let parts: Vec<&str> = published.split('-').collect();
    if let [y, m, d] = parts.as_slice()
        && let (Ok(year), Ok(month), Ok(day)) =
            (y.parse::<i64>(), m.parse::<u32>(), d.parse::<u32>())
        && (1000..=9999).contains(&year)
        && (1..=12).contains(&month)
        && day > days_in_month(year, month)
        && day <= 31
    {
        let name = format_date(&format!("{y}-{m}"));
        return format!(
            "is not on the calendar: {name} has {} days",
            days_in_month(year, month)
        );
    }
    "is not a date like 2014, 2014-09 or 2014-09-30".to_string()
}

/// A date written out in English, as a byline or dateline has it: `14 March
/// 2023`, `March 14, 2023`, `14 Mar 2023` or `March 2023`, anywhere in
/// `text`, as `YYYY-MM-DD` (or `YYYY-MM`). `None` when there is none.
pub fn written_date(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches(['.', ';', ')']).to_lowercase())
        .collect();
    let month = |w: &str| {
        MONTHS
            .iter()
            .position(|m| w.len() >= 3 && m.starts_with(w))
            .map(|i| i as u32 + 1)
    };
    let day = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        digits.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
    };
    let year = |w: &str| w.parse::<u32>().ok().filter(|y| (1800..=2200).contains(y));
    for (i, w) in words.iter().enumerate() {
        let Some(m) = month(w) else { continue };
        let next = words.get(i + 1).map(String::as_str);
        let after = words.get(i + 2).map(String::as_str);
        let before = i
            .checked_sub(1)
            .and_then(|p| words.get(p))
            .map(String::as_str);
        let on_calendar = |d: u32, y: u32| d <= days_in_month(i64::from(y), m);
        // 14 March 2023
        if let (Some(d), Some(y)) = (before.and_then(day), next.and_then(year))
            && on_calendar(d, y)
        {
            return Some(format!("{y}-{m:02}-{d:02}"));
        }
        // March 14, 2023
        if let (Some(d), Some(y)) = (next.and_then(day), after.and_then(year))
            && on_calendar(d, y)
        {
            return Some(format!("{y}-{m:02}-{d:02}"));
        }
        // March 2023
        if let Some(y) = next.and_then(year) {
            return Some(format!("{y}-{m:02}"));
        }
    }
    None
}

/// The date a line gives when it is a dateline and nothing more: `on 9 May
/// 2023`, `Published: 14 March 2023`, `Updated March 4, 2021`. `None` for
/// a line with other words (`Staff left in May 2021`).
pub fn dateline(text: &str) -> Option<String> {
    const FILLER: [&str; 10] = [
        "on",
        "published",
        "posted",
        "updated",
        "last",
        "modified",
        "date",
        "dated",
        "first",
        "at",
    ];
    // A date in figures, as pandoc's title block gives one: `2019-03-14`
    // (a day: `2011-12` alone is as likely a financial year as a month).
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '|' | '·'))
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !FILLER.contains(&w.as_str()))
        .collect();
    if let [only] = words.as_slice()
        && only.len() == 10
        && let Some(date) = iso_date(only)
    {
        return Some(date);
    }
    let date = written_date(text)?;
    let month = |w: &str| w.len() >= 3 && MONTHS.iter().any(|m| m.starts_with(w));
    let only_date = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '|' | '·' | '–' | '—'))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .all(|w| {
            FILLER.contains(&w.as_str())
                || month(&w)
                || w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .parse::<u32>()
                    .is_ok()
        });
    only_date.then_some(date)
}

/// `YYYY-MM-DD` or `YYYY-MM`, with a month and day that can be, as is.
pub fn iso_date(w: &str) -> Option<String> {
    let parts: Vec<&str> = w.split('-').collect();
    let number = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let year = number(parts.first()?, 4)?;
    let month = number(parts.get(1)?, 2).filter(|m| (1..=12).contains(m))?;
    let day_ok = match parts.get(2) {
        None => parts.len() == 2,
        Some(d) => parts.len() == 3 && number(d, 2).is_some_and(|d| (1..=31).contains(&d)),
    };
    (year >= 1000 && day_ok)
        .then(|| w.to_string())
        .filter(|_| month > 0)
}

#[cfg(test)]
mod written_tests {
    use super::written_date;

    #[test]
    fn dates_written_out_are_read() {
        assert_eq!(
            written_date("By Priya Raman, 14 March 2023").as_deref(),
            Some("2023-03-14")
        );
        assert_eq!(
            written_date("Published March 4, 2021 by X").as_deref(),
            Some("2021-03-04")
        );
        assert_eq!(written_date("1st Sept 2019").as_deref(), Some("2019-09-01"));
        assert_eq!(
            written_date("Updated: December 2014").as_deref(),
            Some("2014-12")
        );
        assert_eq!(written_date("the march of progress in 2014"), None);
        assert_eq!(written_date("By Priya Raman"), None);
        assert_eq!(written_date("May 2020"), Some("2020-05".into()));
        use super::dateline;
        assert_eq!(dateline("on 9 May 2023").as_deref(), Some("2023-05-09"));
        assert_eq!(
            dateline("Published: March 4, 2021").as_deref(),
            Some("2021-03-04")
        );
        assert_eq!(dateline("March 2021").as_deref(), Some("2021-03"));
        assert_eq!(dateline("Staff left in May 2021"), None);
        assert_eq!(dateline("2019-03-14").as_deref(), Some("2019-03-14"));
        assert_eq!(
            dateline("Updated: 2019-03-14").as_deref(),
            Some("2019-03-14")
        );
        // A financial year, not a month.
        assert_eq!(dateline("2011-12"), None);
        assert_eq!(super::iso_date("2019-03").as_deref(), Some("2019-03"));
        assert_eq!(dateline("2019-13-01"), None);
        assert_eq!(dateline("2019-03-14 to 2019-04-01"), None);
        assert_eq!(dateline("Priya Raman, 14 March 2023"), None);
    }

    #[test]
    fn only_dates_on_the_calendar_are_taken() {
        use super::valid_date;
        for good in [
            "2024-02-29",
            "2000-02-29",
            "2021-04-30",
            "2021-12-31",
            "2021-02",
        ] {
            assert!(valid_date(good), "{good}");
        }
        for bad in [
            "2021-02-30",
            "2023-04-31",
            "2023-02-29",
            "1900-02-29",
            "2024-13-01",
        ] {
            assert!(!valid_date(bad), "{bad}");
        }
        assert_eq!(
            super::why_not_a_date("2023-02-29"),
            "is not on the calendar: February 2023 has 28 days"
        );
        assert!(super::why_not_a_date("2023-13-01").contains("not a date like"));
        // A day the month does not have leaves the month.
        assert_eq!(written_date("30 February 2021").as_deref(), Some("2021-02"));
        assert_eq!(
            written_date("29 February 2024").as_deref(),
            Some("2024-02-29")
        );
    }
}
