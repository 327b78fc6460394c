//! Generates a synthetic corpus of a chosen size, for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --mb 100 --out target/bench-corpus/100 [--seed 7]
//! ```
//!
//! The output is a corpus folder in the format of `corpus/README.md`: a
//! `themes.toml` with fourteen themes, and markdown reports spread over
//! subfolders. About nine files in ten are reports with `+++` TOML front matter
//! (`kind = "document"`), `##` sections, paragraphs and `-` list items (some
//! nested), each passage ending with a marker `<!-- #N theme-a theme-b -->`; the
//! rest are plain `.md` files without front matter or markers. File sizes are
//! spread log-uniformly from a few KB to a few hundred KB.
//!
//! Text is drawn from a Zipf-distributed (s = 1) vocabulary of about 4,000
//! entries: English function words at the top, a few hundred real content words
//! with their inflections, a long tail of made-up but pronounceable words, and a
//! few pinned entries whose rank is fixed whatever the seed, so that benchmark
//! queries have a known rarity:
//!
//! | entry           | rank  | share of words |
//! |-----------------|-------|----------------|
//! | `services`      | 35    | ~1 in 300      |
//! | `staff`         | 60    | ~1 in 500      |
//! | `costs`         | 110   | ~1 in 950      |
//! | `merger`        | 400   | ~1 in 3,500    |
//! | `due diligence` | 700   | ~1 in 6,000 (a phrase) |
//! | `buddying`      | 1500  | ~1 in 13,000   |
//! | `credential`    | 1800  | ~1 in 16,000   |
//! | `credentials`   | 2200  | ~1 in 19,000   |
//! | `credentialing` | 3000  | ~1 in 26,000   |
//! | `credentialed`  | 3600  | ~1 in 31,000   |
//!
//! The same `--seed` (default 1) and `--mb` always write the same bytes. The
//! generator stops once the report files written total at least N MB
//! (1 MB = 1,000,000 bytes; `themes.toml` is not counted). The output folder
//! must not exist or be empty.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: gen-corpus --mb N --out DIR [--seed S] [--max-kb K]

  --mb N      stop once the files written total at least N MB (1 MB = 10^6 bytes; N > 0, decimals allowed)
  --out DIR   folder to write (created; must be missing or empty)
  --seed S    seed for the generator, an unsigned integer (default 1)
  --max-kb K  the largest file, in kB (default 300; files are 3 kB to K kB, log-uniform:
              100 gives about 3,600 files per 100 MB, 300 about 1,500)";

/// The fourteen themes written to `themes.toml`: (id, label, description).
pub const THEMES: [(&str, &str, &str); 14] = [
    (
        "buddying",
        "Buddying and peer support",
        "One provider supporting another: buddying, mentoring and shared learning.",
    ),
    (
        "chains-groups",
        "Chains, groups and franchises",
        "Multi-site organisations: chains, groups, networks and franchises.",
    ),
    (
        "mergers",
        "Mergers and acquisitions",
        "Merging providers, acquisitions, consolidation and what mergers deliver.",
    ),
    (
        "credentialing",
        "Credentialing and earned autonomy",
        "Pre-approving providers to take on more, and autonomy earned by performance.",
    ),
    (
        "leadership",
        "Leadership",
        "Leaders and their skills, boards and leadership capacity.",
    ),
    (
        "staff-culture",
        "Staff and culture",
        "Staff engagement, culture, values and workforce.",
    ),
    (
        "standardisation",
        "Standardisation",
        "Standard processes, reducing variation and spreading good practice.",
    ),
    (
        "regulation",
        "Quality and regulation",
        "Inspection, regulation, special measures and quality of care.",
    ),
    (
        "competition",
        "Competition",
        "Competition law, choice and markets.",
    ),
    (
        "finance-scale",
        "Finance and scale",
        "Costs, economies of scale, funding and financial sustainability.",
    ),
    (
        "international",
        "International examples",
        "Evidence and models from other countries.",
    ),
    (
        "local-accountability",
        "Local accountability",
        "Communities, local ownership and accountability to the public.",
    ),
    (
        "governance",
        "Governance",
        "Boards, decision rights, contracts and organisational form.",
    ),
    (
        "innovation",
        "Innovation",
        "New models of care, technology and spreading innovation.",
    ),
];

/// Entries whose rank is fixed, so queries have a known rarity (1-based ranks).
pub const PINNED: [(&str, usize); 10] = [
    ("services", 35),
    ("staff", 60),
    ("costs", 110),
    ("merger", 400),
    ("due diligence", 700),
    ("buddying", 1500),
    ("credential", 1800),
    ("credentials", 2200),
    ("credentialing", 3000),
    ("credentialed", 3600),
];

/// How many vocabulary entries there are in all.
const VOCABULARY: usize = 4000;

const FUNCTION_WORDS: &str = "the of and to in a is that for be are on with as by this it at from \
or an which have not has their will was more can should were been they its also other these may \
there but all than such would who into between some about most how through where when both each \
those what only many new could while however across within any need one two three over well \
whether our we there after before under because so if further often very less much same own do \
does did being had then them made make than per without during against among around up out";

const NOUNS: &str = "trust provider hospital patient care service board organisation model \
system group chain network partner partnership area evidence review report leader leadership \
manager management clinician doctor nurse performance quality outcome improvement cost saving \
scale practice standard process change approach arrangement benefit risk sector regulator \
commissioner contract franchise acquisition culture value community population region level \
decision authority accountability governance structure role time year people team unit site \
centre programme study case example country market competition choice incentive payment \
funding finance budget resource capacity demand pressure workforce skill capability experience \
support learning relationship peer mentor expertise information data measure target indicator \
inspection rating regime failure success problem issue challenge opportunity option policy \
government department minister reform strategy plan vision priority objective aim goal purpose \
framework mechanism tool method technique procedure pathway specialty department ward bed \
surgery procedure treatment diagnosis medicine safety harm incident complaint feedback survey \
engagement employee morale turnover recruitment retention training development career promotion \
salary pay bonus reward recognition autonomy freedom flexibility control oversight scrutiny \
assurance audit assessment criterion test threshold milestone timescale deadline delay cost \
price tariff income revenue surplus deficit debt loan asset estate building equipment technology \
innovation idea invention pilot trial evaluation researcher academic author article book chapter \
section finding conclusion recommendation lesson insight argument view perspective opinion \
interview respondent participant stakeholder member chair executive director officer secretary \
owner shareholder investor company firm business enterprise industry supplier customer client \
consumer user citizen public resident family carer volunteer charity council district county \
city town village neighbourhood locality boundary border merger integration consolidation \
collaboration cooperation alliance federation coalition joint venture hub spoke satellite branch \
division operation activity task duty responsibility obligation requirement condition term \
agreement memorandum understanding expectation assumption belief attitude behaviour habit norm \
routine protocol guideline checklist handbook manual template specification design blueprint";

const VERBS: &str = "provide support improve deliver develop manage lead share learn reduce \
increase create build establish maintain ensure achieve require consider identify promote \
encourage enable allow help work operate run serve treat measure assess review report \
recommend suggest propose argue show find examine explore describe explain compare contrast \
combine merge acquire integrate consolidate expand extend grow spread adopt adapt apply \
implement introduce launch test pilot evaluate monitor inspect regulate govern oversee control \
direct coordinate organise plan prepare design specify standardise simplify streamline \
transform reform restructure change shift move transfer invest spend save fund finance pay \
charge price contract negotiate agree approve authorise license accredit certify register \
recruit retain train employ engage involve consult inform communicate publish disclose \
benchmark rank rate score compete collaborate cooperate partner mentor coach guide advise \
intervene rescue recover sustain secure protect prevent avoid address tackle resolve overcome";

const OTHERS: &str = "clinical financial national local regional operational strategic \
structural cultural organisational managerial professional medical acute primary secondary \
tertiary specialist general public private independent voluntary statutory formal informal \
effective efficient successful sustainable significant important key major minor critical \
central peripheral small large larger smaller big high low higher lower better worse best worst \
good poor strong weak clear unclear common rare different similar same single multiple several \
various particular specific wider broader long short early late recent current future past \
previous existing potential possible likely unlikely difficult easy complex simple direct \
indirect shared joint collective individual personal social economic political legal ethical \
international domestic foreign english american german french dutch swedish danish \
australian canadian academic empirical qualitative quantitative robust limited modest \
substantial considerable marginal overall total average typical usual unusual new old young \
senior junior frontline experienced skilled capable competent willing able unable necessary \
sufficient appropriate relevant available visible transparent accountable responsible \
particularly significantly largely mainly mostly generally typically usually often sometimes \
rarely always never already still again together separately directly indirectly locally \
nationally clearly quickly slowly rapidly gradually increasingly relatively broadly especially";

const ORGANISATIONS: [&str; 20] = [
    "The King's Fund",
    "Nuffield Trust",
    "Monitor",
    "NHS Trust Development Authority",
    "Care Quality Commission",
    "Foundation Trust Network",
    "Department of Health",
    "Health Foundation",
    "NHS Confederation",
    "Centre for Health Economics",
    "Audit Commission",
    "Competition and Markets Authority",
    "Institute for Fiscal Studies",
    "Healthcare Financial Management Association",
    "Royal College of Physicians",
    "NHS Providers",
    "Kaiser Permanente",
    "Organisation for Economic Co-operation and Development",
    "London School of Economics",
    "Boston Consulting Group",
];

const FOLDERS: [&str; 8] = [
    "commissioned",
    "digest",
    "digest/international",
    "trusts/north",
    "trusts/south",
    "trusts/midlands",
    "regulators",
    "notes",
];

/// splitmix64: a small, fast, well-mixed PRNG; enough for synthetic text.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5851_f42d_4c95_7f2d)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi] (inclusive).
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// One of `items`, uniformly.
    pub fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.range(0, items.len() - 1)]
    }
}

/// A Zipf-distributed vocabulary: entries by rank, with cumulative weights.
pub struct Vocabulary {
    pub entries: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    /// Builds the vocabulary for a seed (the order of unpinned content words
    /// and the made-up tail depend on it; function and pinned words do not).
    pub fn new(rng: &mut Rng) -> Vocabulary {
        let pinned: Vec<&str> = PINNED.iter().map(|(w, _)| *w).collect();
        let mut seen = std::collections::HashSet::new();
        let mut push = |list: &mut Vec<String>, w: String| {
            if !pinned.contains(&w.as_str()) && seen.insert(w.clone()) {
                list.push(w);
            }
        };
        let mut top = Vec::new();
        for w in FUNCTION_WORDS.split_whitespace() {
            push(&mut top, w.to_string());
        }
        let mut content = Vec::new();
        for n in NOUNS.split_whitespace() {
            push(&mut content, n.to_string());
            push(&mut content, plural(n));
        }
        for v in VERBS.split_whitespace() {
            push(&mut content, v.to_string());
            push(&mut content, third_person(v));
            push(&mut content, past(v));
            push(&mut content, gerund(v));
        }
        for o in OTHERS.split_whitespace() {
            push(&mut content, o.to_string());
        }
        // Shuffle the content words (Fisher-Yates), keeping base forms a little
        // ahead of inflections by sorting on a noisy key.
        let mut keyed: Vec<(f64, String)> = content
            .into_iter()
            .enumerate()
            .map(|(i, w)| (i as f64 / 4.0 + rng.f64() * 600.0, w))
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut entries = top;
        entries.extend(keyed.into_iter().map(|(_, w)| w));
        // The long tail: pronounceable made-up words.
        while entries.len() + pinned.len() < VOCABULARY {
            let w = made_up_word(rng);
            push(&mut entries, w);
        }
        entries.truncate(VOCABULARY - pinned.len());
        let mut pins: Vec<(&str, usize)> = PINNED.to_vec();
        pins.sort_by_key(|p| p.1);
        for (w, rank) in pins {
            entries.insert(rank - 1, w.to_string());
        }
        let mut total = 0.0;
        let cumulative = (1..=entries.len())
            .map(|r| {
                total += 1.0 / r as f64;
                total
            })
            .collect();
        Vocabulary {
            entries,
            cumulative,
        }
    }

    pub fn sample<'a>(&'a self, rng: &mut Rng) -> &'a str {
        let total = self.cumulative[self.cumulative.len() - 1];
        let u = rng.f64() * total;
        let i = self.cumulative.partition_point(|&c| c <= u);
        &self.entries[i.min(self.entries.len() - 1)]
    }

    /// A content word: resample past the function words.
    pub fn content<'a>(&'a self, rng: &mut Rng) -> &'a str {
        loop {
            let w = self.sample(rng);
            if !FUNCTION_WORDS.split_whitespace().any(|f| f == w) && !w.contains(' ') {
                return w;
            }
        }
    }
}

fn plural(n: &str) -> String {
    if n.ends_with('y') && !n.ends_with("ey") && !n.ends_with("ay") {
        format!("{}ies", &n[..n.len() - 1])
    } else if n.ends_with('s') || n.ends_with("ch") || n.ends_with("sh") || n.ends_with('x') {
        format!("{n}es")
    } else {
        format!("{n}s")
    }
}

fn third_person(v: &str) -> String {
    plural(v)
}

fn past(v: &str) -> String {
    if let Some(stem) = v.strip_suffix('e') {
        format!("{stem}ed")
    } else if v.ends_with('y') && !v.ends_with("ey") && !v.ends_with("ay") {
        format!("{}ied", &v[..v.len() - 1])
    } else {
        format!("{v}ed")
    }
}

fn gerund(v: &str) -> String {
    if v.ends_with('e') && !v.ends_with("ee") {
        format!("{}ing", &v[..v.len() - 1])
    } else {
        format!("{v}ing")
    }
}

fn made_up_word(rng: &mut Rng) -> String {
    const ONSETS: [&str; 24] = [
        "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "cl",
        "dr", "pr", "st", "tr", "sh", "ch", "gr",
    ];
    const VOWELS: [&str; 9] = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"];
    const CODAS: [&str; 12] = ["", "", "", "", "n", "r", "l", "s", "t", "nd", "st", "rk"];
    const SUFFIXES: [&str; 10] = [
        "", "", "", "ation", "ment", "ity", "al", "ive", "ism", "ence",
    ];
    let syllables = if rng.chance(0.7) { 2 } else { 3 };
    let mut w = String::new();
    for _ in 0..syllables {
        let part = rng.word(&ONSETS);
        w.push_str(part);
        let part = rng.word(&VOWELS);
        w.push_str(part);
        let part = rng.word(&CODAS);
        w.push_str(part);
    }
    let suffix = rng.word(&SUFFIXES);
    w.push_str(suffix);
    w
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Writes the text of one document.
struct Writer<'a> {
    rng: Rng,
    vocab: &'a Vocabulary,
}

impl Writer<'_> {
    fn sentence(&mut self, out: &mut String) {
        let n = self.rng.range(7, 28);
        for i in 0..n {
            let mut w: String = if self.rng.chance(0.015) {
                match self.rng.range(0, 3) {
                    0 => format!("{}", self.rng.range(1995, 2024)),
                    1 => format!("{}%", self.rng.range(1, 99)),
                    2 => format!("£{}.{}m", self.rng.range(1, 900), self.rng.range(0, 9)),
                    _ => format!("{}", self.rng.range(2, 500)),
                }
            } else {
                self.vocab.sample(&mut self.rng).to_string()
            };
            if i == 0 {
                w = capitalise(&w);
            } else {
                out.push(' ');
            }
            out.push_str(&w);
            if i + 2 < n && i > 2 && self.rng.chance(0.06) {
                out.push(',');
            }
        }
        out.push('.');
    }

    fn text(&mut self, sentences: usize, out: &mut String) {
        for i in 0..sentences {
            if i > 0 {
                out.push(' ');
            }
            self.sentence(out);
        }
    }

    fn heading(&mut self) -> String {
        let n = self.rng.range(2, 6);
        let words: Vec<String> = (0..n)
            .map(|_| self.vocab.content(&mut self.rng).to_string())
            .collect();
        capitalise(&words.join(" "))
    }

    /// Themes for a passage: 1-3 distinct ids, led by one its text names.
    fn themes(&mut self, text: &str) -> Vec<&'static str> {
        let mut themes: Vec<&'static str> = Vec::new();
        for (word, theme) in [
            ("buddying", "buddying"),
            ("merger", "mergers"),
            ("credential", "credentialing"),
        ] {
            if text.contains(word) && themes.len() < 3 {
                themes.push(theme);
            }
        }
        let want = self.rng.range(1, 3).max(themes.len());
        while themes.len() < want {
            // Skewed towards the first themes.
            let i = ((self.rng.f64() * self.rng.f64()) * THEMES.len() as f64) as usize;
            let id = THEMES[i.min(THEMES.len() - 1)].0;
            if !themes.contains(&id) {
                themes.push(id);
            }
        }
        themes
    }

    /// A passage's text plus, when `ids` is given, its marker.
    fn passage(&mut self, sentences: usize, ids: Option<&mut usize>, out: &mut String) {
        let start = out.len();
        self.text(sentences, out);
        if let Some(next) = ids {
            let themes = self.themes(&out[start..]);
            let _ = write!(out, " <!-- #{next} {} -->", themes.join(" "));
            *next += 1;
        }
        out.push('\n');
    }

    /// A markdown body of about `target` bytes.
    fn body(&mut self, target: usize, markers: bool, out: &mut String) {
        let start = out.len();
        let mut next_id = 1usize;
        let mut first = true;
        while out.len() - start < target {
            if !first || self.rng.chance(0.5) {
                let h = self.heading();
                let _ = writeln!(out, "## {h}\n");
            }
            first = false;
            let blocks = self.rng.range(2, 10);
            for _ in 0..blocks {
                if self.rng.chance(0.55) {
                    let n = self.rng.range(1, 5);
                    self.passage(n, markers.then_some(&mut next_id), out);
                } else {
                    let items = self.rng.range(2, 6);
                    for _ in 0..items {
                        out.push_str("- ");
                        let n = self.rng.range(1, 2);
                        self.passage(n, markers.then_some(&mut next_id), out);
                        if self.rng.chance(0.08) {
                            for _ in 0..self.rng.range(1, 3) {
                                out.push_str("  - ");
                                self.passage(1, markers.then_some(&mut next_id), out);
                            }
                        }
                    }
                }
                out.push('\n');
                if out.len() - start >= target {
                    break;
                }
            }
        }
    }

    fn title(&mut self) -> String {
        let a = capitalise(self.vocab.content(&mut self.rng));
        let b = self.vocab.content(&mut self.rng).to_string();
        let c = self.vocab.content(&mut self.rng).to_string();
        match self.rng.range(0, 3) {
            0 => format!("{a} {b} and {c}"),
            1 => format!("{a} {b}: a review of {c}"),
            2 => format!("The {b} of {c}"),
            _ => format!("{a} {b} in the {c} sector"),
        }
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub files: usize,
    pub reports: usize,
    pub plain: usize,
    /// Bytes of report files (themes.toml not counted).
    pub bytes: u64,
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn short_title(title: &str) -> String {
    let mut out = String::new();
    for w in title.split_whitespace() {
        let extra = if out.is_empty() { 0 } else { 1 };
        if out.chars().count() + extra + w.chars().count() > 24 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        title.chars().take(24).collect()
    } else {
        out.trim_end_matches(':').to_string()
    }
}

/// The `themes.toml` text.
pub fn themes_toml() -> String {
    let mut out = String::from("# Themes of a generated benchmark corpus (gen-corpus).\n");
    for (id, label, description) in THEMES {
        let _ = write!(
            out,
            "\n[[theme]]\nid = \"{id}\"\nlabel = \"{label}\"\ndescription = \"{description}\"\n"
        );
    }
    out
}

/// Writes a corpus of at least `target_bytes` into `out`, which must be
/// missing or empty.
pub fn generate(out: &Path, target_bytes: u64, seed: u64) -> Result<Summary, String> {
    generate_shaped(out, target_bytes, seed, 300_000)
}

/// As [`generate`], with files of at most `max_file` bytes (at least 3,000).
pub fn generate_shaped(
    out: &Path,
    target_bytes: u64,
    seed: u64,
    max_file: u64,
) -> Result<Summary, String> {
    if out.exists() {
        let mut entries = fs::read_dir(out)
            .map_err(|e| format!("cannot read output folder {}: {e}", out.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "output folder {} is not empty; remove it or choose another",
                out.display()
            ));
        }
    }
    let create = |dir: &Path| {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
    };
    create(out)?;
    let write = |path: &Path, text: &str| {
        fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(&out.join("themes.toml"), &themes_toml())?;

    let mut rng = Rng::new(seed);
    let vocab = Vocabulary::new(&mut rng);
    let mut summary = Summary::default();
    let (lo, hi) = (3_000f64.ln(), (max_file.max(3_000) as f64).ln());
    while summary.bytes < target_bytes {
        let n = summary.files + 1;
        let remaining = (target_bytes - summary.bytes) as usize;
        let size = ((lo + rng.f64() * (hi - lo)).exp() as usize).min(remaining.max(2_000));
        let plain = rng.chance(0.1);
        let mut w = Writer {
            rng: Rng::new(rng.next_u64()),
            vocab: &vocab,
        };
        let title = w.title();
        let mut text = String::with_capacity(size + 4096);
        let folder = if plain {
            "notes"
        } else {
            FOLDERS[w.rng.range(0, FOLDERS.len() - 2)]
        };
        let stem = slug(&title);
        let stem: String = stem.split('-').take(5).collect::<Vec<_>>().join("-");
        let file = if plain {
            let _ = writeln!(text, "# {title}\n");
            w.body(size, false, &mut text);
            format!("{stem}-{n:05}.md")
        } else {
            let id = format!("{stem}-{n}");
            let org = w.rng.word(&ORGANISATIONS);
            let year = w.rng.range(2000, 2024);
            let published = match w.rng.range(0, 2) {
                0 => format!("{year}"),
                1 => format!("{year}-{:02}", w.rng.range(1, 12)),
                _ => format!("{year}-{:02}-{:02}", w.rng.range(1, 12), w.rng.range(1, 28)),
            };
            let _ = write!(
                text,
                "+++\nid = \"{id}\"\ntitle = \"{title}\"\nshort_title = \"{}\"\norganisation = \"{org}\"\npublished = \"{published}\"\nkind = \"document\"\n+++\n",
                short_title(&title)
            );
            w.body(size, true, &mut text);
            format!("{n:05}-{stem}.md")
        };
        let dir = out.join(folder);
        create(&dir)?;
        let path: PathBuf = dir.join(file);
        write(&path, &text)?;
        summary.files += 1;
        if plain {
            summary.plain += 1;
        } else {
            summary.reports += 1;
        }
        summary.bytes += text.len() as u64;
    }
    Ok(summary)
}

struct Args {
    mb: f64,
    out: PathBuf,
    seed: u64,
    max_kb: u64,
}

fn parse_args(args: &[String]) -> Result<Option<Args>, String> {
    let mut mb = None;
    let mut out = None;
    let mut seed = 1u64;
    let mut max_kb = 300u64;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (flag.as_str(), None),
        };
        if matches!(name, "-h" | "--help") {
            return Ok(None);
        }
        if !matches!(name, "--mb" | "--out" | "--seed" | "--max-kb") {
            return Err(format!("unknown argument `{flag}`"));
        }
        let value = match inline {
            Some(v) => v,
            None => it
                .next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))?,
        };
        match name {
            "--mb" => {
                let n: f64 = value
                    .parse()
                    .map_err(|_| format!("--mb takes a number of megabytes, not `{value}`"))?;
                if !(n.is_finite() && n > 0.0 && n <= 100_000.0) {
                    return Err(format!(
                        "--mb must be more than 0 and at most 100000, not `{value}`"
                    ));
                }
                mb = Some(n);
            }
            "--out" => {
                if value.is_empty() {
                    return Err("--out needs a folder".to_string());
                }
                out = Some(PathBuf::from(value));
            }
            "--max-kb" => {
                max_kb = value
                    .parse()
                    .ok()
                    .filter(|&k| (3..=100_000).contains(&k))
                    .ok_or_else(|| format!("--max-kb takes 3 to 100000 (kB), not `{value}`"))?;
            }
            _ => {
                seed = value
                    .parse()
                    .map_err(|_| format!("--seed takes an unsigned integer, not `{value}`"))?;
            }
        }
    }
    let mb = mb.ok_or("--mb is required")?;
    let out = out.ok_or("--out is required")?;
    Ok(Some(Args {
        mb,
        out,
        seed,
        max_kb,
    }))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&args) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("gen-corpus: error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    let target = (args.mb * 1_000_000.0).round() as u64;
    match generate_shaped(&args.out, target, args.seed, args.max_kb * 1000) {
        Ok(s) => {
            println!(
                "wrote {} files ({} reports, {} plain) = {:.1} MB to {} in {:.1} s (seed {})",
                s.files,
                s.reports,
                s.plain,
                s.bytes as f64 / 1e6,
                args.out.display(),
                started.elapsed().as_secs_f64(),
                args.seed
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-corpus: error: {e}");
            ExitCode::from(2)
        }
    }
}
