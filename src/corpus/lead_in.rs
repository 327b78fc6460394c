//! Which passages introduce a list: a paragraph or list item that ends in
//! `:` and is followed at once by a list one level in (`The benefits
//! were:` before its bullets). Import marks them `lead-in` (see the corpus
//! README), so that the items it introduces cite it as their context.

use super::Block;

/// The nesting level items introduced by a passage of `block` sit at: a
/// paragraph's items are at its own depth, an item's one deeper.
fn level(block: Block) -> u8 {
    match block {
        Block::Paragraph { depth } => depth,
        Block::ListItem { depth, .. } => depth.saturating_add(1),
    }
}

/// Whether a passage of `text`, laid out as `block`, introduces the list
/// that `next` (the block right after it) starts.
pub fn introduces(text: &str, block: Block, next: Option<Block>) -> bool {
    text.trim_end().ends_with(':')
        && !lead(text).is_empty()
        && matches!(next, Some(Block::ListItem { depth, .. }) if depth == level(block))
}

/// A lead-in's words as its items' section gives them: without its colon.
pub fn lead(text: &str) -> &str {
    text.trim_end().trim_end_matches(':').trim_end()
}

/// For each of `passages` (text and layout, in order), whether it
/// introduces the list after it.
pub fn lead_ins(passages: &[(&str, Block)]) -> Vec<bool> {
    (0..passages.len())
        .map(|i| {
            let (text, block) = passages[i];
            introduces(text, block, passages.get(i + 1).map(|p| p.1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARA: Block = Block::Paragraph { depth: 0 };
    const ITEM: Block = Block::ListItem {
        depth: 0,
        number: None,
    };
    const INNER: Block = Block::ListItem {
        depth: 1,
        number: Some(1),
    };

    #[test]
    fn a_colon_before_a_list_one_level_in_is_a_lead_in() {
        assert!(introduces("The benefits were:", PARA, Some(ITEM)));
        assert!(introduces("Three kinds: ", ITEM, Some(INNER)));
        assert_eq!(
            lead_ins(&[("Two risks:", PARA), ("cost", ITEM), ("time:", ITEM)]),
            [true, false, false]
        );
    }

    #[test]
    fn no_colon_no_list_or_a_list_at_another_level_is_not() {
        assert!(!introduces("The benefits were many.", PARA, Some(ITEM)));
        assert!(!introduces("Note:", PARA, Some(PARA)));
        assert!(!introduces("Note:", PARA, None));
        // An item ending in `:` followed by its sibling introduces nothing.
        assert!(!introduces("costs:", ITEM, Some(ITEM)));
        assert!(!introduces("Below:", PARA, Some(INNER)));
        assert!(!introduces(" :: ", PARA, Some(ITEM)));
    }
}
