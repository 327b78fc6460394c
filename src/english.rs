//! English as the program writes it for people, shared by the command line and
//! the explorer so that both say a count the same way.

/// "1 passage", "2 passages", "3 searches".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| word.ends_with(end))
    {
        format!("{n} {word}es")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn counts_take_the_plural_except_one() {
        assert_eq!(plural(0, "passage"), "0 passages");
        assert_eq!(plural(1, "passage"), "1 passage");
        assert_eq!(plural(2, "excerpt"), "2 excerpts");
        assert_eq!(plural(19, "search"), "19 searches");
        assert_eq!(plural(3, "saved search"), "3 saved searches");
        assert_eq!(plural(1, "search"), "1 search");
    }
}
