//! `evidence verify` through the real binary, as a researcher meets it: an
//! export verifies as it is; a corpus edited since is `changed`, a quote
//! edited since is `misquoted`, a quote moved under another citation is
//! `wrong source`, a retired id is `gone`; and a briefing written by hand
//! from an export (quotes trimmed, re-wrapped, their quotation marks and
//! case changed) verifies.

mod util;

use std::fs;
use util::Dir;

/// A corpus folder of the bundled reports, and an export of three of its
/// passages (one with a markdown-escaped `*`), written in `dir`.
fn exported(dir: &Dir) {
    dir.run(&["init", "c"]).ok();
    dir.run(&[
        "--corpus",
        "c",
        "export",
        "--ids",
        "big-med/4,buddying-review/9,seizing-the-opportunity/15",
        "--out",
        "ex.md",
    ])
    .ok();
}

/// Replaces `from` with `to` in a file, which must hold it.
fn edit(dir: &Dir, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} holds {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_export_verifies_as_it_is() {
    let dir = Dir::new();
    exported(&dir);
    let out = dir.run(&["--corpus", "c", "verify", "ex.md"]);
    out.ok();
    for id in [
        "big-med/4",
        "buddying-review/9",
        "seizing-the-opportunity/15",
    ] {
        assert!(
            out.stdout.contains(&format!(": verified ({id})")),
            "{}",
            out.stdout
        );
    }
    assert!(
        out.stdout.contains("3 of 3 cited quotations verified"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_passage_edited_since_the_export_is_changed() {
    let dir = Dir::new();
    exported(&dir);
    edit(
        &dir,
        "c/01-buddying-review.md",
        "more robustly taken into account",
        "fully taken into account",
    );
    let out = dir.run(&["--corpus", "c", "verify", "ex.md"]);
    out.code(1);
    let line = out
        .stdout
        .lines()
        .find(|l| l.contains("(buddying-review/9)"))
        .unwrap();
    assert!(line.contains(": changed (buddying-review/9)"), "{line}");
    assert!(line.contains("[-more robustly-] {+fully+}"), "{line}");
    // The others still verify.
    assert!(
        out.stdout.contains(": verified (big-med/4)"),
        "{}",
        out.stdout
    );
}

/// A passage deleted by hand and its number given to new text: the id
/// names other words now, which is not an edit of the quote's.
#[test]
fn an_id_that_names_other_text_now_is_gone_not_changed() {
    let dir = Dir::new();
    exported(&dir);
    edit(
        &dir,
        "c/01-buddying-review.md",
        "The cost implications for both the buddy Trust and a Trust in special measures need to be more robustly taken into account by the regulators so that it is at least cost neutral for those Trusts in special measures, and provides an appropriate incentive and recompense for those Trusts acting as buddies.",
        "Mentoring schemes for new chairs were piloted in three regions during the spring.",
    );
    let out = dir.run(&["--corpus", "c", "verify", "ex.md"]);
    out.code(1);
    let line = out
        .stdout
        .lines()
        .find(|l| l.contains("(buddying-review/9)"))
        .unwrap();
    assert!(
        line.contains(": gone (buddying-review/9): `buddying-review/9` names other text now"),
        "{line}"
    );
    assert!(!line.contains("[-"), "no diff of unrelated text: {line}");
}

#[test]
fn a_quote_edited_since_the_export_is_misquoted() {
    let dir = Dir::new();
    exported(&dir);
    edit(
        &dir,
        "ex.md",
        "more robustly taken into account",
        "taken into account",
    );
    let out = dir.run(&["--corpus", "c", "verify", "ex.md"]);
    out.code(1);
    let line = out
        .stdout
        .lines()
        .find(|l| l.contains("(buddying-review/9)"))
        .unwrap();
    assert!(line.contains(": misquoted (buddying-review/9)"), "{line}");
    assert!(line.contains("[-more robustly-]"), "{line}");
}

#[test]
fn a_quote_moved_under_another_citation_is_the_wrong_source() {
    let dir = Dir::new();
    exported(&dir);
    // The Big Med excerpt's citation now names the buddying passage.
    edit(
        &dir,
        "ex.md",
        "(13 August 2012), big-med/4",
        "(13 August 2012), buddying-review/9",
    );
    let out = dir.run(&["--corpus", "c", "verify", "--json", "ex.md"]);
    out.code(1);
    let json = out.json();
    let quotes = json["files"][0]["quotations"].as_array().unwrap();
    let moved = quotes
        .iter()
        .find(|q| q["text"].as_str().unwrap().contains("Brigham"))
        .unwrap();
    assert_eq!(moved["result"], "wrong source");
    assert_eq!(moved["cited"], "buddying-review/9");
    assert_eq!(moved["found"], "big-med/4");
    assert_eq!(json["cited"], 3);
    assert_eq!(json["verified"], 2);
}

#[test]
fn a_retired_or_unknown_id_is_gone() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "> CQC seeks to reduce variation and encourage improvement through\n\n\
         — State of Care, state-of-care-2013-14/6\n\n\
         > A quotation from a report that is no longer in the corpus at all.\n\n\
         — removed-report/3\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.code(1);
    assert!(
        out.stdout.contains(
            "doc.md:1: gone (state-of-care-2013-14/6): `state-of-care-2013-14/6` was retired on"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "doc.md:5: gone (removed-report/3): no report `removed-report` is in the corpus"
        ),
        "{}",
        out.stdout
    );
}

/// A slip in a citation key or a report id is no other source: taken for
/// one, a misquote went unchecked under an exit status of 0. It is an
/// unknown work, naming the one meant and where the words are.
#[test]
fn a_slip_in_a_key_or_a_report_id_is_an_unknown_work_naming_the_one_meant() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "Gawande wrote that \"one in ten hospital admissions in America is for heart failure or a cardiac arrest\" [@gawande2012bgi].\n\n\
         Mergers \"between two-thirds and three-quarters of mergers fail to deliver\" (nhs-trust-mergr/4).\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.code(1);
    assert!(
        out.stdout.contains(
            "doc.md:1: unknown work (cited as @gawande2012bgi): no work of this corpus has the key `@gawande2012bgi`: did you mean `@gawande2012big`?"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "doc.md:3: unknown work (nhs-trust-mergr/4): no report `nhs-trust-mergr` is in the corpus: did you mean `nhs-trust-mergers`? (the words are in nhs-trust-mergers/4)"
        ),
        "{}",
        out.stdout
    );
    // Another year, or another letter after one, is another work (its
    // quote not this corpus's), and another edition of a report is gone.
    dir.create(
        "other.md",
        "Gawande wrote that \"one in ten hospital admissions in America is for heart failure or a cardiac arrest\" [@gawande2016big].\n\n\
         CQC said \"a quotation from last year's report that is no longer in the corpus\" (state-of-care-2012-13/4).\n",
    );
    let out = dir.run(&["verify", "other.md"]);
    assert!(!out.stdout.contains("unknown work"), "{}", out.stdout);
    assert!(
        out.stdout.contains("other.md:1: not from this corpus (cited as @gawande2016big)")
            && out.stdout.contains(
                "other.md:3: gone (state-of-care-2012-13/4): no report `state-of-care-2012-13` is in the corpus"
            ),
        "{}",
        out.stdout
    );
}

/// A draft checked against the wrong corpus (the bundled one, its own
/// folder forgotten) credits most quotes to works the corpus lacks: the
/// exit status is 0, but a note says they were not checked, and how.
#[test]
fn quotes_mostly_credited_to_other_works_say_they_were_not_checked() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "\"groups with a single accountable board and a clear scheme of delegation\" [@ellison2019regional].\n\n\
         \"boards in the groups we visited reported that clinical standardisation was\" [@ellison2019regional, p. 2].\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.ok();
    assert!(
        out.stdout.contains(
            "note: 2 of the quotations are credited to works this corpus does not have (@ellison2019regional), and were not checked"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn a_quote_from_a_one_word_report_since_removed_is_gone() {
    // `import` names a report after its file: `notes`, not `my-notes`.
    let dir = Dir::new();
    dir.create(
        "c/notes.md",
        "+++\nid = \"notes\"\ntitle = \"Field notes\"\norganisation = \"Us\"\n\
         published = \"2024-01\"\n+++\n\n\
         The costs of the merger were higher than forecast, mainly because of the \
         new computer systems.\n",
    );
    dir.run(&["--corpus", "c", "export", "merger", "--out", "ex.md"])
        .ok();
    let ex = fs::read_to_string(dir.join("ex.md")).unwrap();
    assert!(ex.contains("notes/1"), "{ex}");
    dir.run(&["--corpus", "c", "verify", "ex.md"]).ok();
    fs::remove_file(dir.join("c/notes.md")).unwrap();
    let out = dir.run(&["--corpus", "c", "verify", "ex.md"]);
    out.code(1);
    assert!(
        out.stdout
            .contains("gone (notes/1): no report `notes` is in the corpus"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_id_inside_a_block_quote_cites_it_and_is_not_quoted() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "> An example of standardisation: Brigham and Women’s Hospital, John Wright and\n\
         > standardisation of joint-replacement surgery. (big-med/4)\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.ok();
    assert!(
        out.stdout.contains("doc.md:1: verified (big-med/4)"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_briefing_written_by_hand_verifies() {
    let dir = Dir::new();
    let briefing = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/briefing.md");
    let out = dir.run(&["verify", briefing]);
    out.ok();
    assert!(
        out.stdout
            .contains("6 of 6 cited quotations verified; 1 uncited"),
        "{}",
        out.stdout
    );
    // The colleague's quote from elsewhere is only information.
    assert!(
        out.stdout.contains(":42: not from this corpus"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_uncited_quote_says_which_passage_holds_it() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "We read that “the capacity of the buddies should not be underestimated” in one review.\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    // Nothing cited, nothing wrong: a document of uncited quotes verifies.
    out.ok();
    assert!(
        out.stdout
            .contains("doc.md:1: found in: buddying-review/16 holds it; cite it there"),
        "{}",
        out.stdout
    );
}

#[test]
fn pandoc_citations_without_ids_are_resolved_by_key_and_locator() {
    // A manuscript for pandoc keeps `[@key, para. N]` and drops the id an
    // export wrote after it; the key and the locator still say which
    // passage is meant, and a page of a paged source which passages.
    let dir = Dir::new();
    dir.create(
        "c/field.md",
        "+++\nid = \"field\"\ntitle = \"Field notes on mergers\"\norganisation = \"Northshire ICB\"\n\
         published = \"2024-01\"\ncitekey = \"icb2024field\"\n+++\n\n\
         Mergers take longer than planned and save less than promised. <!-- #1 p.4 -->\n\n\
         The new board met monthly during the first year of the merger. <!-- #2 p.4 -->\n\n\
         Staff turnover rose in the two years after the merger was agreed. <!-- #3 pp.5-6 -->\n",
    );
    dir.create(
        "draft.md",
        "# Draft\n\n\
         The notes say that \u{201c}the new board met monthly during the first year of the merger\u{201d} [@icb2024field, p. 4].\n\n\
         > Staff turnover rose in the two years after the merger was agreed.\n\n\
         [@icb2024field, p. 4]\n\n\
         > Mergers take longer than planned and save less than promised.\n\n\
         [see @icb2024field]\n\n\
         > Staff turnover rose in the two years after the merger was agreed.\n\n\
         [@icb2024field, p. 9]\n\n\
         As @icb2024field [para. 1] has it, \u{201c}mergers take longer than planned and save far less than promised\u{201d}.\n\n\
         > Quite other words from a book this corpus does not hold at all.\n\n\
         [@smith2020, p. 4]\n",
    );
    let out = dir.run(&["--corpus", "c", "verify", "draft.md"]);
    out.code(1);
    let s = &out.stdout;
    for line in [
        "draft.md:3: verified (field/2, cited as @icb2024field, p. 4)",
        "draft.md:9: verified (field/1, cited as @icb2024field)",
        "draft.md:5: wrong locator (field, cited as @icb2024field, p. 4): verified in field/3, but it is on pp. 5–6",
        "draft.md:13: wrong locator (field, cited as @icb2024field, p. 9): verified in field/3, but it is on pp. 5–6",
        "draft.md:17: misquoted (field/1, cited as @icb2024field, para. 1): mergers take longer than planned and save {+far+} less",
        "draft.md:19: not from this corpus",
    ] {
        assert!(s.contains(line), "{line}\n{s}");
    }
    let json = dir.run(&["--corpus", "c", "verify", "draft.md", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        v["files"][0]["quotations"][0]["cited_as"],
        "@icb2024field, p. 4"
    );
    assert_eq!(v["verified"], 2);
}

#[test]
fn a_misquote_stays_a_misquote_after_its_passage_changes() {
    // The export records the passage's text beside its excerpt; a quote
    // elsewhere that the old text did not hold either is the writer's
    // misquote, not a change in the corpus.
    let dir = Dir::new();
    exported(&dir);
    let mut ex = fs::read_to_string(dir.join("ex.md")).unwrap();
    ex.push_str(
        "\nThe review argues that \u{201c}the cost implications for both the buddy Trust and a Trust \
         in special measures need to be far more robustly taken into account\u{201d} (buddying-review/9).\n",
    );
    fs::write(dir.join("ex.md"), ex).unwrap();
    edit(
        &dir,
        "c/01-buddying-review.md",
        "by the regulators",
        "by regulators",
    );
    let out = dir.run(&["--corpus", "c", "verify", "ex.md"]);
    out.code(1);
    let s = &out.stdout;
    assert!(s.contains(": changed (buddying-review/9)"), "{s}");
    assert!(
        s.contains(": misquoted (buddying-review/9): … need to be {+far+} more"),
        "{s}"
    );
}

#[test]
fn single_quotation_marks_quote_and_ids_may_be_in_capitals() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "The review: \u{2018}The cost implications for both the buddy Trust and a Trust in special \
         measures need to be more robustly taken into account\u{2019} (buddying-review/9), and \
         'the cost implications for both the buddy Trust and a Trust never' (buddying-review/9). \
         The King\u{2019}s Fund\u{2019}s view of the \u{2019}90s is not a quote.\n\n\
         \"The cost implications for both the buddy Trust and a Trust in special measures\" (Buddying-review/9), \
         \"the cost implications for both the buddy Trust and a Trust in special measures\" (Budget/9).\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.code(1);
    let s = &out.stdout;
    assert!(s.contains("doc.md:1: verified (buddying-review/9)"), "{s}");
    assert!(s.contains("doc.md:1: misquoted (buddying-review/9)"), "{s}");
    // `Buddying-review/9` is the id in capitals, never its
    // `uddying-review/9`; `Budget/9`, which the corpus does not know, is no id.
    assert!(s.contains("doc.md:3: verified (buddying-review/9)"), "{s}");
    assert!(s.contains("doc.md:3: found in: buddying-review/9"), "{s}");
    assert!(!s.contains("(uddying-review/9)"), "{s}");
    assert!(!s.contains("(budget/9)"), "{s}");
    assert!(s.contains("2 of 3 cited quotations verified"), "{s}");
}

#[test]
fn a_quote_with_decimals_is_found_and_its_wrong_source_named() {
    let dir = Dir::new();
    dir.run(&["init", "c"]).ok();
    dir.create(
        "c/stats.md",
        "# Discharge statistics\n\nMedian length of stay fell from 6.5 days to 2.0 days, and 9.8 per cent of shifts went unfilled.\n",
    );
    dir.create(
        "doc.md",
        "Stays “fell from 6.5 days to 2.0 days”.\n\nAnd “9.8 per cent of shifts went unfilled” (big-med/4).\n",
    );
    let out = dir.run(&["--corpus", "c", "verify", "doc.md"]);
    assert!(
        out.stdout.contains("doc.md:1: found in: stats/1 holds it"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("doc.md:3: wrong source (big-med/4)") && out.stdout.contains("stats/1"),
        "{}",
        out.stdout
    );
    out.code(1);
}

#[test]
fn a_gone_citation_says_where_the_quoted_words_are_now() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "We read that “the capacity of the buddies should not be underestimated” (buddying-review/99).\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.code(1);
    assert!(
        out.stdout.contains(
            "doc.md:1: gone (buddying-review/99): no passage of `buddying-review` has the id `buddying-review/99`; the words are in buddying-review/16 now: cite it there"
        ),
        "{}",
        out.stdout
    );
    let out = dir.run(&["verify", "doc.md", "--json"]);
    let json = out.json();
    let q = &json["files"][0]["quotations"][0];
    assert_eq!(q["result"], "gone");
    assert_eq!(q["found"], "buddying-review/16");
}

#[test]
fn a_quote_from_elsewhere_is_not_shown_as_a_diff_of_the_passage_cited() {
    // Words a speech said, credited to a passage they share one word with:
    // not a slip in copying it, so no word-by-word diff.
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "The minister said \"we will not stand by while hospitals struggle to balance their books this winter\" (nhs-trust-mergers/16).\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.code(1);
    let line = out.stdout.lines().next().unwrap();
    assert_eq!(
        line,
        "doc.md:1: misquoted (nhs-trust-mergers/16): “we will not stand by while hospitals struggle to balance …” is not in nhs-trust-mergers/16, which shares few of its words, nor anywhere else in the corpus"
    );
    let json = dir.run(&["verify", "doc.md", "--json"]).json();
    let q = &json["files"][0]["quotations"][0];
    assert_eq!(q["result"], "misquoted");
    assert!(q["why"].as_str().unwrap().contains("not from it"), "{q}");
    assert!(q["diff"].is_string(), "{q}");
    // A quote across a paragraph break, one word added, is a misquote of
    // the passages it runs over, shown as a diff.
    dir.create(
        "across.md",
        "\"Often more cost-effective than hiring external consultant help. Additionally, a flexible approach based on the needs of the individual Trust is likely to be much more effective\" (buddying-review/18).\n",
    );
    let out = dir.run(&["verify", "across.md"]);
    out.code(1);
    let line = out.stdout.lines().next().unwrap();
    assert!(
        line.starts_with("across.md:1: misquoted (buddying-review/18): ")
            && !line.contains("is not in"),
        "{line}"
    );
}

/// The words of a bundled report are the pack's summary of it: a draft
/// that quotes them as the author's own is told so, once; an export, which
/// credits the pack, is not.
#[test]
fn quoting_the_packs_summary_as_the_authors_words_gets_a_note() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "Gawande wrote that tele-ICUs \"have improved costs and outcomes, and increased better practices\" (big-med/12).\n\nAnd \"Often more cost-effective than hiring external consultant help\" (buddying-review/18).\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.ok();
    let notes: Vec<&str> = out.stdout.lines().filter(|l| l.contains("note:")).collect();
    assert_eq!(
        notes,
        [
            "doc.md: note: the words quoted from big-med/12 and 1 more are the evidence pack's summaries of their reports, not the reports' own words: cite them as summarised in the pack (as `evidence export` does)"
        ]
    );
    dir.run(&["export", "--ids", "big-med/12", "--out", "ex.md"])
        .ok();
    let exported = dir.run(&["verify", "ex.md"]);
    exported.ok();
    assert!(!exported.stdout.contains("note:"), "{}", exported.stdout);
}

#[test]
fn a_misquote_diff_covers_only_the_stretch_quoted() {
    // Big Med/1 says "a factor of 2 or 3, even within the same hospital";
    // the quote starts with "The", which the passage has earlier too, and
    // its last word is the one changed.
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "Gawande: \"The rates of failure and complication for a given service can vary by a factor of 2 or 4\" (big-med/1).\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.code(1);
    let line = out.stdout.lines().next().unwrap();
    assert!(
        line.starts_with("doc.md:1: misquoted (big-med/1): ")
            && line.ends_with(" of 2 or [-3-] {+4+}"),
        "{line}"
    );
    for outside in ["medical field", "unreliable", "even within", "15 years"] {
        assert!(!line.contains(outside), "{line}");
    }
    let json = dir.run(&["verify", "doc.md", "--json"]).json();
    let diff = json["files"][0]["quotations"][0]["diff"].as_str().unwrap();
    assert!(diff.ends_with(" of 2 or [-3-] {+4+}"), "{diff}");
    assert!(!diff.contains("medical field"), "{diff}");
}

#[test]
fn every_work_in_a_pandoc_bracket_may_be_the_source() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "He found that “the rates of failure and complication for a given service can vary by a factor of 2 or 3” [@denning2012not, para. 2; @gawande2012big, para. 1].\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.ok();
    assert!(
        out.stdout
            .contains("doc.md:1: verified (big-med/1, cited as @gawande2012big, para. 1)"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_range_of_paragraphs_holds_a_quote_from_any_of_them() {
    let dir = Dir::new();
    // The words are big-med/2's: the second paragraph of the range.
    let quote = "Each dish inspected and rated by a manager";
    dir.create(
        "doc.md",
        format!(
            "He found that “{quote}” [@gawande2012big, paras. 1–2].\n\n\
             Later “{quote}” [@gawande2012big, paras. 3-5].\n"
        ),
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.code(1);
    let s = &out.stdout;
    assert!(
        s.contains("doc.md:1: verified (big-med/2, cited as @gawande2012big, paras. 1–2)"),
        "{s}"
    );
    assert!(
        s.contains(
            "doc.md:3: wrong locator (big-med, cited as @gawande2012big, paras. 3-5): verified in big-med/2, \
             but its words are the evidence pack's summary of Big Med: cite it without a locator, as summarised in the pack"
        ),
        "{s}"
    );
}

#[test]
fn a_page_of_a_report_without_pages_is_a_wrong_locator_not_source() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "He found that “the rates of failure and complication for a given service can vary by a factor of 2 or 3” [@gawande2012big, p. 3].\n\n\
         And that “the rates of failure and complication for a given service can vary by a factor of 2 or 3” [@denning2012not].\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.code(1);
    let s = &out.stdout;
    assert!(
        s.contains(
            "doc.md:1: wrong locator (big-med, cited as @gawande2012big, p. 3): verified in big-med/1, \
             but its words are the evidence pack's summary of Big Med: cite it without a locator, as summarised in the pack"
        ),
        "{s}"
    );
    // A key with no locator names no passage: the work is shown.
    assert!(
        s.contains(
            "doc.md:3: wrong source (cheesecake-factory, cited as @denning2012not): the words are in big-med/1"
        ),
        "{s}"
    );
    let json = dir.run(&["verify", "doc.md", "--json"]).json();
    let q = &json["files"][0]["quotations"][0];
    assert_eq!(q["result"], "wrong locator");
    assert_eq!(q["cited"], "big-med");
    assert_eq!(q["found"], "big-med/1");
}

#[test]
fn an_unreadable_file_is_said_and_the_others_are_checked() {
    let dir = Dir::new();
    dir.create(
        "draft.md",
        "We read that “the capacity of the buddies should not be underestimated” (buddying-review/16).\n",
    );
    let out = dir.run(&["verify", "draft.md", "nosuch.md"]);
    out.code(2);
    assert!(
        out.stdout
            .contains("draft.md:1: verified (buddying-review/16)"),
        "{}",
        out.stdout
    );
    let said: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(said.len(), 1, "{}", out.stderr);
    assert!(said[0].contains("cannot read nosuch.md"), "{}", out.stderr);
    let out = dir.run(&["verify", "nosuch.md", "draft.md", "--json"]);
    out.code(2);
    assert_eq!(out.json()["verified"], 1);
    // None readable: a script still gets a document, of no files.
    let out = dir.run(&["verify", "nosuch.md", "--json"]);
    out.code(2);
    assert_eq!(out.json()["files"], serde_json::json!([]));
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}

#[test]
fn ids_in_capitals_and_bare_report_ids_cite() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "“Between two-thirds and three-quarters of mergers fail to deliver what they promised” (NHS-Trust-Mergers/4).\n\n\
         “The rates of failure and complication for a given service can vary by a factor of 2 or 3” (big-med).\n\n\
         “The rates of failure and complication for a given service can differ by a factor of 2 or 3” (Big-Med).\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.code(1);
    let s = &out.stdout;
    assert!(
        s.contains("doc.md:1: verified (nhs-trust-mergers/4)"),
        "{s}"
    );
    assert!(s.contains("doc.md:3: verified (big-med/1)"), "{s}");
    assert!(
        s.contains("doc.md:5: misquoted (big-med): closest is big-med/1: ")
            && s.contains("[-vary-] {+differ+}"),
        "{s}"
    );
}

#[test]
fn a_quote_across_a_paragraph_break_verifies_where_it_starts_or_ends() {
    let dir = Dir::new();
    // The end of buddying-review/9 and the start of buddying-review/10,
    // quoted as one.
    let quote = "an appropriate incentive and recompense for those Trusts acting as \
                 buddies. Buddying arrangements come into being either voluntarily";
    dir.create(
        "doc.md",
        format!(
            "Where it starts: “{quote}” (buddying-review/9).\n\n\
             Where it ends: “{quote}” (buddying-review/10).\n\n\
             Uncited: “{quote}”.\n\n\
             Two passages on: “{quote}” (buddying-review/11).\n"
        ),
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.code(1);
    for line in [
        "doc.md:1: verified (buddying-review/9)",
        "doc.md:3: verified (buddying-review/10)",
        "doc.md:5: found in: buddying-review/9 holds it",
        "doc.md:7: wrong source (buddying-review/11): the words are in buddying-review/9",
    ] {
        assert!(out.stdout.contains(line), "{line}\n{}", out.stdout);
    }
}

#[test]
fn an_editors_brackets_pass_and_an_elided_not_does_not() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "‘The cultural “fit” of organisations should be given due prominence’ (buddying-review/6)\n\n\
         “usually when a senior executive make [sic] contact with a colleague with whom a relationship already exists” (buddying-review/10)\n\n\
         “[The] arrangements come into being either voluntarily, usually when [an executive] make contact” (buddying-review/10)\n\n\
         “hierarchical management does … work in healthcare or other knowledge based professions” (cheesecake-factory/1)\n\n\
         “hierarchical management does not work in healthcare […] standardisation approach ignores that US healthcare” (cheesecake-factory/1)\n\n\
         ```\n\
         “not checked: a code block shows text, it does not quote it” (big-med/4)\n\
         ```\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.code(1);
    for line in [
        "doc.md:1: verified (buddying-review/6)",
        "doc.md:3: verified (buddying-review/10)",
        "doc.md:5: verified (buddying-review/10)",
        "doc.md:7: misquoted (cheesecake-factory/1): the elision leaves out “not”: hierarchical management does [-not-] work",
        "doc.md:9: verified (cheesecake-factory/1)",
        "4 of 5 cited quotations verified",
    ] {
        assert!(out.stdout.contains(line), "{line}\n{}", out.stdout);
    }
    assert!(!out.stdout.contains("big-med/4"), "{}", out.stdout);
}

#[test]
fn a_quote_credited_to_another_work_is_the_wrong_source_when_its_words_are_here() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "Smith says “the danger is that when standardisation increases, the localism and local \
         accountability of FTs decreases” [@smith2019chains, p. 12].\n\n\
         Jones says “nothing in this sentence comes from the evidence base, it is another \
         source's” [@jones2020].\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.code(1);
    assert!(
        out.stdout.contains(
            "doc.md:1: wrong source (cited as @smith2019chains, p. 12, not a work of this corpus): \
             the words are in seizing-the-opportunity/7"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("doc.md:3: not from this corpus (cited as @jones2020)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("0 of 1 cited quotation verified; 1 credited to other works; 0 uncited"),
        "{}",
        out.stdout
    );
    let json = dir.run(&["verify", "doc.md", "--json"]).json();
    assert_eq!(json["other_works"], 1);
    assert_eq!(json["cited"], 1);
    // Another source's words alone are not a problem.
    dir.create(
        "other.md",
        "Jones says “nothing in this sentence comes from the evidence base, it is another \
         source's” [@jones2020].\n",
    );
    dir.run(&["verify", "other.md"]).ok();
}

/// A chapter written from the basket, not from an export: once the corpus
/// changes, a quote of what a passage said when it was collected is
/// `changed` (the basket keeps its text then), not misquoted.
#[test]
fn a_quote_of_a_passage_as_the_basket_collected_it_is_changed_not_misquoted() {
    let dir = Dir::new();
    let run = |args: &[&str]| dir.run_in_data(args);
    run(&["init", "c"]).ok();
    run(&["--corpus", "c", "basket", "add", "buddying-review/9"]).ok();
    dir.create(
        "ch3.md",
        "The FTN wrote that “the cost implications for both the buddy Trust and a Trust in \
         special measures need to be more robustly taken into account” (buddying-review/9).\n\n\
         And that “the cost implications for both the buddy Trust and a Trust in special \
         measures need to be carefully taken into account” (buddying-review/9).\n",
    );
    // Before the change: the first verified, the second a misquote.
    run(&["--corpus", "c", "verify", "ch3.md"]).code(1);
    edit(
        &dir,
        "c/01-buddying-review.md",
        "need to be more robustly taken",
        "must be fully taken",
    );
    let out = run(&["--corpus", "c", "verify", "ch3.md"]);
    out.code(1);
    assert!(
        out.stdout
            .contains("ch3.md:1: changed (buddying-review/9): the passage now reads:"),
        "{}",
        out.stdout
    );
    // What the passage never said is a misquote still.
    assert!(
        out.stdout
            .contains("ch3.md:3: misquoted (buddying-review/9)"),
        "{}",
        out.stdout
    );
}

/// A chapter that cites a report by its pandoc key alone, the report
/// since removed from the corpus: the basket knows the key it had, so the
/// quote is gone, not another work's; and a report whose details changed
/// its key is still found by the key it had when it was collected.
#[test]
fn a_key_the_basket_collected_names_its_report_after_it_is_gone() {
    let dir = Dir::new();
    let run = |args: &[&str]| dir.run_in_data(args);
    run(&["init", "c"]).ok();
    dir.create(
        "c/mine.md",
        "+++\nid = \"mine\"\ntitle = \"Ward staffing in practice\"\norganisation = \"Acme Health\"\n\
         published = \"2021\"\n+++\n\n\
         Night shifts on the surgical wards were covered by agency nurses for most of the year.\n",
    );
    run(&[
        "--corpus",
        "c",
        "basket",
        "add",
        "facing-the-future/3",
        "mine/1",
    ])
    .ok();
    dir.create(
        "ch.md",
        "Monitor found that “hospitals in England tend to be larger than those in the rest of \
         Europe” [@monitor2014facing, para. 3].\n\n\
         A survey found that “night shifts on the surgical wards were covered by agency nurses” \
         [@ah2021ward, para. 1].\n",
    );
    run(&["--corpus", "c", "verify", "ch.md"]).ok();
    // The report's date corrected: its generated key is now ah2022ward.
    edit(
        &dir,
        "c/mine.md",
        "published = \"2021\"",
        "published = \"2022\"",
    );
    fs::remove_file(dir.join("c/09-facing-the-future.md")).unwrap();
    let out = run(&["--corpus", "c", "verify", "ch.md"]);
    out.code(1);
    let s = &out.stdout;
    assert!(
        s.contains(
            "ch.md:1: gone (facing-the-future/3, cited as @monitor2014facing, para. 3): \
             no report `facing-the-future` is in the corpus"
        ),
        "{s}"
    );
    assert!(
        s.contains("ch.md:3: verified (mine/1, cited as @ah2021ward, para. 1)"),
        "{s}"
    );
    // With no basket, the key is another work's.
    let out = dir.run(&["--corpus", "c", "verify", "ch.md"]);
    assert!(
        out.stdout.contains("ch.md:1: not from this corpus"),
        "{}",
        out.stdout
    );
}

/// The evidence pack cited for its summary of one of its reports: the
/// words are the pack's (every bundled report's passages are its text).
#[test]
fn the_pack_cited_for_a_summary_it_gives_verifies() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "The pack says “the cost implications for both the buddy Trust and a Trust in special \
         measures need to be more robustly taken into account” [@dh2014examining].\n",
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.ok();
    assert!(
        out.stdout
            .contains("doc.md:1: verified (overview, cited as @dh2014examining)"),
        "{}",
        out.stdout
    );
}

/// Another work cited near a quote, not beside it, is not the quote's; an
/// e-mail address in brackets is no citation; and an ASCII apostrophe
/// (`the '90s`) does not open a quote around a quotation.
#[test]
fn other_works_cited_nearby_addresses_and_apostrophes_are_not_citations() {
    let dir = Dir::new();
    let quote =
        "Best practices should be standardised and quickly brought in for the majority to use";
    dir.create(
        "doc.md",
        format!(
            "Smith argued for reform [@smith2019chains]. Gawande later wrote that “{quote}”.\n\n\
             > {quote}\n\n\
             Later work [@smith2019chains] disagrees.\n\n\
             “{quote}” [contact press@example.org]\n"
        ),
    );
    let out = dir.run(&["verify", "doc.md"]);
    out.ok();
    assert!(!out.stdout.contains("wrong source"), "{}", out.stdout);
    assert_eq!(
        out.stdout.matches(": found in: ").count(),
        3,
        "{}",
        out.stdout
    );
    dir.create(
        "nineties.md",
        format!("In the '90s “{quote}” said the trusts' boards (big-med/13).\n"),
    );
    let out = dir.run(&["verify", "nineties.md"]);
    assert!(!out.stdout.contains("90s"), "{}", out.stdout);
}

/// A report named after a file that starts with digits (`02-plain.md`, as
/// the corpus README suggests numbering files): its export verifies.
#[test]
fn an_id_that_starts_with_a_digit_is_a_citation() {
    let dir = Dir::new();
    dir.create(
        "c/02-plain.md",
        "# Plain notes\n\nThe merger of the two trusts took three years to complete in full.\n",
    );
    dir.run(&[
        "--corpus",
        "c",
        "export",
        "--ids",
        "02-plain/1",
        "--out",
        "ex.md",
    ])
    .ok();
    let out = dir.run(&["--corpus", "c", "verify", "ex.md"]);
    out.ok();
    assert!(
        out.stdout.contains("verified (02-plain/1)"),
        "{}",
        out.stdout
    );
}

/// A handout rendered by pandoc's citeproc: a work with no author is cited
/// by its title in quotation marks, and the reference list quotes every
/// title. Those are titles, not quotations.
#[test]
fn titles_in_rendered_citations_and_reference_lists_are_not_quotations() {
    let dir = Dir::new();
    dir.create(
        "handout.md",
        "## Excerpts\n\n\
         > In a stressed financial climate, devising and implementing a merger is\n\
         > a hugely risky and costly endeavour.\n\n\
         --- (\"Westminster Discussion No. 4, Series 12, NHS Trust Mergers: Where\n\
         Have We Got To?\" 2014, para. 16), nhs-trust-mergers/16\n\n\
         ## References {.unnumbered}\n\n\
         Gawande, Atul. 2012. \"Big Med.\" *The New Yorker*, August 13, 2012.\n\n\
         Smith, Jo. 2019. \"Chains of Hospitals in Three Countries Compared.\" Journal.\n\n\
         ## Appendix\n\n\
         Denning wrote that “the Cheesecake Factory model is not a useful analogy” (cheesecake-factory/1).\n\n\
         ::: {#refs .references}\n\
         ::: {#ref-x .csl-entry}\n\
         \"Provider Chains: Lessons from Other Sectors: A Report for the Dalton Review.\" 2014.\n\
         :::\n\n\
         ::: {#ref-y .csl-entry}\n\
         Smith, Jo. 2019. \"Chains of Hospitals in Three Countries Compared.\" Journal.\n\
         :::\n\
         :::\n",
    );
    let out = dir.run(&["verify", "handout.md", "--json"]);
    let json = out.json();
    let quotes = json["files"][0]["quotations"].as_array().unwrap();
    let lines: Vec<u64> = quotes.iter().map(|q| q["line"].as_u64().unwrap()).collect();
    // The excerpt and the appendix's quote; no title.
    assert_eq!(lines, [3, 17], "{json}");
    assert_eq!(quotes[0]["result"], "verified", "{json}");
}

/// A report of one's own is cited by its paragraphs: a locator that misses
/// says where the words are.
#[test]
fn a_wrong_locator_in_a_report_of_one_s_own_says_the_paragraph() {
    let dir = Dir::new();
    dir.create(
        "c/own.md",
        "+++\nid = \"own\"\ntitle = \"My field notes\"\nauthors = [\"Doe, Jane\"]\npublished = \"2020\"\n+++\n\
         The first note says nothing in particular about the wards at all. <!-- #1 -->\n\n\
         Staff on the night shift asked for a quieter handover room again. <!-- #2 -->\n",
    );
    let quote = "Staff on the night shift asked for a quieter handover room again";
    dir.create(
        "doc.md",
        format!(
            "As noted, “{quote}” [@doe2020my, para. 1].\n\nAnd “{quote}” [@doe2020my, p. 7].\n"
        ),
    );
    let out = dir.run(&["--corpus", "c", "verify", "doc.md"]);
    out.code(1);
    let s = &out.stdout;
    assert!(
        s.contains("doc.md:1: wrong locator (own/1, cited as @doe2020my, para. 1): verified in own/2, but it is para. 2"),
        "{s}"
    );
    assert!(
        s.contains("doc.md:3: wrong locator (own, cited as @doe2020my, p. 7): verified in own/2, but My field notes has no page numbers: cite it as para. 2"),
        "{s}"
    );
}

/// A quote cited by its work's key alone (`[@key]`, or a page of a work
/// with pages), from a passage the basket collected and that changed or
/// went since: `changed` or `gone` with the passage named, as when cited
/// by its id; not a misquote blamed on the writer.
#[test]
fn a_quote_cited_to_its_work_is_changed_when_the_basket_knows_its_passage() {
    let dir = Dir::new();
    let run = |args: &[&str]| dir.run_in_data(args);
    run(&["init", "c"]).ok();
    run(&["--corpus", "c", "basket", "add", "buddying-review/9"]).ok();
    dir.create(
        "ch4.md",
        "The FTN wrote that “the cost implications for both the buddy Trust and a Trust in \
         special measures need to be more robustly taken into account” [@ftn2014buddying].\n",
    );
    run(&["--corpus", "c", "verify", "ch4.md"]).ok();
    edit(
        &dir,
        "c/01-buddying-review.md",
        "need to be more robustly taken",
        "must be fully taken",
    );
    let out = run(&["--corpus", "c", "verify", "ch4.md"]);
    out.code(1);
    assert!(
        out.stdout.contains(
            "ch4.md:1: changed (buddying-review/9, cited as @ftn2014buddying): the passage now reads:"
        ),
        "{}",
        out.stdout
    );
}

/// Two quotes of one sentence before one citation (`said “…” and that
/// “…” [@key]`) are both cited by it; a quote in the sentence before is
/// not.
#[test]
fn quotes_of_one_sentence_share_the_citation_after_them() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "---\ntitle: \"Chains and “the buddy Trust and a Trust in special measures”\"\n---\n\n\
         The FTN said that “the cost implications for both the buddy Trust” and that a Trust \
         “in special measures need to be more robustly taken into account” [@ftn2014buddying]. \
         Gawande wrote that they “can vary by a factor of 2 or 3” and more. Then “both the buddy Trust and a Trust in special measures” [@ftn2014buddying].\n",
    );
    let out = dir.run(&["verify", "doc.md", "--json"]);
    let json = out.json();
    let quotes = json["files"][0]["quotations"].as_array().unwrap().clone();
    let cited: Vec<(String, String)> = quotes
        .iter()
        .map(|q| {
            (
                q["text"].as_str().unwrap_or_default().to_string(),
                q["cited"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    // The metadata's quoted title is no quotation.
    assert_eq!(quotes.len(), 4, "{cited:?}");
    assert_eq!(cited[0].1, "buddying-review/9", "{cited:?}");
    assert_eq!(cited[1].1, "buddying-review/9", "{cited:?}");
    // Its sentence ends before any citation.
    assert_eq!(cited[2].1, "", "{cited:?}");
    assert_eq!(cited[3].1, "buddying-review/9", "{cited:?}");
}

/// A citation before a quote in its own sentence is that quote's, though
/// the next quote's citation follows; a quote that ends its sentence
/// (`… parties.” Then`) shares no citation with the next sentence's; and
/// a `---` rule further down is no metadata block: the quote after it is
/// read.
#[test]
fn a_citation_before_a_quote_in_its_sentence_is_its_own() {
    let dir = Dir::new();
    dir.create(
        "doc.md",
        "As big-med/6 puts it, “surgeons use a single manufacturer for 75% of implants”, while \
         the FTN found that “the cost implications for both the buddy Trust and a Trust in special \
         measures” matter [@ftn2014buddying].\n\n\
         The FTN asked for “shared understanding of the expectations between both parties.” \
         Gawande wrote that “the rates of failure and complication for a given service can vary \
         by a factor of 2 or 3” [@gawande2012big].\n\n\
         ---\n\nLater: “Clear terms of reference and timescales for achieving outputs are recommended” \
         (buddying-review/3).\n\n---\n",
    );
    let json = dir.run(&["verify", "doc.md", "--json"]).json();
    let cited: Vec<(String, String)> = json["files"][0]["quotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["text"]
                    .as_str()
                    .unwrap_or_default()
                    .chars()
                    .take(20)
                    .collect(),
                q["cited"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(cited.len(), 5, "{cited:?}");
    assert_eq!(cited[0].1, "big-med/6", "{cited:?}");
    assert_eq!(cited[1].1, "buddying-review/9", "{cited:?}");
    assert_eq!(cited[2].1, "", "{cited:?}");
    assert_eq!(cited[3].1, "big-med/1", "{cited:?}");
    assert_eq!(cited[4].1, "buddying-review/3", "{cited:?}");
}
