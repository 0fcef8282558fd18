//! Who wrote to whom, read from a document's title.
//!
//! Archives title correspondence by its parties, in a handful of shapes that
//! catalogues share: "Chifley to Evatt", "Telegram from (Stalin) to Mao
//! Zedong, via Krasovsky", "Minute, Smith to Jones", "Submission by Dedman to
//! Council of Defence", "Record of conversation between Evatt and Molotov",
//! "The Secretary of State to the Embassy in the Soviet Union". A title is
//! read as clauses: a sender clause (implicit at the start, or after "from" or
//! "by") and a recipient clause (after "to" or "for"). Offices are appositions
//! set off by commas ("Mr R. G. Casey, Minister to the United States, to
//! Department of External Affairs"), so a "to" inside one does not start a
//! clause; only a "to" in a clause's first stretch, or straight after a comma,
//! does. A clause ends where the title turns to something else: "via",
//! "with", "concerning", a date, a kind of document ("…: letter"), or a comma
//! followed by lowercase words ("…, of Conversation with …").
//!
//! Titles that are not correspondence ("Memorandum on relations between
//! Australia and Japan") must give nothing rather than a wrong sender, so each
//! side is accepted only when it reads like a name: capitalised words joined
//! by particles such as "of" and "and". A title with no capitals at all gives
//! no such evidence and is read only after a kind of document
//! ("cablegram to canberra").

use super::designation;
use super::doc_types::DocumentTypes;
use super::title_words::{
    Case, PARTICLES, Word, date_at, gap, is_all_caps, is_break, is_participle, is_reference, title_case, words,
};

/// Words after which a title speaks of the document's subject, route or
/// enclosures, not of its parties.
const ENDS: &[&str] = &[
    "about",
    "concerning",
    "covering",
    "enclosing",
    "forwarding",
    "on",
    "re",
    "regarding",
    "respecting",
    "transmitting",
    "via",
    "with",
];

/// Words that head subject titles taking "to" ("Introduction to Python",
/// "Welcome to the Museum", "Changes to the Act"): a title that opens with
/// one names no sender, however its words are capitalised.
const SUBJECT_HEADS: &[&str] = &[
    "access",
    "additions",
    "addendum",
    "amendment",
    "amendments",
    "annex",
    "answer",
    "answers",
    "appendix",
    "approach",
    "approaches",
    "back",
    "challenge",
    "changes",
    "companion",
    "contribution",
    "contributions",
    "corrections",
    "farewell",
    "foreword",
    "gateway",
    "guide",
    "homage",
    "how",
    "improvements",
    "introduction",
    "journey",
    "key",
    "migrating",
    "moving",
    "objections",
    "path",
    "preface",
    "reply",
    "response",
    "return",
    "road",
    "sequel",
    "supplement",
    "threat",
    "tribute",
    "upgrading",
    "visit",
    "voyage",
    "way",
    "welcome",
];

/// Bodies whose names hold "on" ("Committee on Foreign Relations").
const BODIES_ON: &[&str] = &["board", "commission", "committee", "conference", "council", "panel", "tribunal"];

/// Most words of a side in a title without capitals, where a name cannot be
/// told from other words.
const LONGEST_UNCASED_SIDE: usize = 5;

/// Sender and recipient read from a title, and a kind of document named
/// after them ("Casey to Menzies: letter").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Sides {
    pub from: Option<String>,
    pub to: Option<String>,
    pub kind: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Sender,
    Recipient,
}

/// A stretch of the title that names one party.
#[derive(Debug)]
struct Clause {
    role: Role,
    /// The word that opened it ("to", "for"…); empty for an implicit sender.
    connective: String,
    /// Byte range in the title.
    start: usize,
    end: usize,
}

/// What a title is read as, for the clause reader.
struct Title<'a, 't> {
    text: &'a str,
    found: Vec<Word<'a>>,
    case: Case,
    types: &'t DocumentTypes,
}

/// Sender and recipient of a title that does not open with a kind of
/// document: "A to B", "The Secretary of State to the Embassy", "… from A to B".
/// `title` is as written; capitals are dealt with here.
pub(crate) fn in_title(title: &str, types: &DocumentTypes) -> Sides {
    let case = super::title_words::case_of(title);
    if case == Case::Lower {
        return Sides::default();
    }
    let working = if case == Case::Upper { title_case(title) } else { title.to_string() };
    let title = Title::new(&working, case, types);
    if let Some(from) = title.found.iter().position(|w| w.text == "from") {
        return title.read(from + 1, Role::Sender, "from", false);
    }
    let head = title.found.first().map(|w| w.text.to_lowercase());
    if title.kind_at(0) || head.is_some_and(|head| SUBJECT_HEADS.contains(&head.as_str())) {
        return Sides::default();
    }
    title.read(0, Role::Sender, "", true)
}

/// Sender and recipient in what follows a kind at the head of a title:
/// ", Smith to Jones", " No 12: Minister to Cabinet", " from A to B",
/// " by A", " prepared for B", " of Conversation between A and B".
/// `rest` is as written in the title; `case` is the whole title's.
pub(crate) fn after_kind(rest: &str, case: Case, types: &DocumentTypes) -> Sides {
    let working = if case == Case::Mixed { rest.to_string() } else { title_case(&format!("x{rest}"))[1..].to_string() };
    let title = Title::new(&working, case, types);
    let found = &title.found;
    let mut at = found.iter().position(|w| !is_reference(w.text)).unwrap_or(found.len());
    let Some(first) = found.get(at) else { return Sides::default() };
    let before = if at == 0 { &working[..first.start] } else { gap(&working, found, Some(at - 1)) };
    if is_break(before) && first.text.starts_with(char::is_uppercase) && role_of(first.text).is_none() {
        return title.read(at, Role::Sender, "", true);
    }
    if is_participle(first.text) {
        at += 1;
    }
    let Some(word) = found.get(at) else { return Sides::default() };
    if let Some(role) = role_of(word.text) {
        return title.read(at + 1, role, &word.text.to_lowercase(), false);
    }
    let between = match word.text.to_lowercase().as_str() {
        "between" => Some(at + 1),
        // "of Conversation between", "of a Meeting between"
        "of" => (at + 2..=at + 4)
            .take_while(|&i| i < found.len() && role_of(found[i - 1].text).is_none())
            .find(|&i| found[i - 1].text.eq_ignore_ascii_case("between")),
        _ => None,
    };
    if let Some(between) = between {
        return title.between(between);
    }
    match found[at..].iter().position(|w| w.text == "from") {
        Some(from) => title.read(at + from + 1, Role::Sender, "from", false),
        None => Sides::default(),
    }
}

impl<'a, 't> Title<'a, 't> {
    fn new(text: &'a str, case: Case, types: &'t DocumentTypes) -> Title<'a, 't> {
        Title { text, found: words(text), case, types }
    }

    /// Reads clauses from word `at`, the first with `role`. With `implicit`
    /// the first clause has no connective and must be followed by another.
    fn read(&self, at: usize, role: Role, connective: &str, implicit: bool) -> Sides {
        let (clauses, kind) = match self.clauses(at, role, connective) {
            Some(found) => found,
            None => return Sides::default(),
        };
        if implicit && clauses.len() < 2 {
            return self.split_at_first_to(at);
        }
        self.sides(&clauses, kind)
    }

    /// "Mr Sumner Welles, U.S. Under-Secretary of State to Mr R. G. Casey":
    /// when no clause starts where clauses may, the first "to" splits.
    fn split_at_first_to(&self, at: usize) -> Sides {
        let Some(to) = self.found[at..].iter().position(|w| w.text == "to").map(|i| at + i) else {
            return Sides::default();
        };
        let Some((mut clauses, kind)) = self.clauses(to + 1, Role::Recipient, "to") else {
            return Sides::default();
        };
        let start = self.after(at);
        clauses.insert(0, Clause { role: Role::Sender, connective: String::new(), start, end: self.found[to].start });
        self.sides(&clauses, kind)
    }

    /// The clauses from word `at` on, and a kind named after them; `None`
    /// when the title is ambiguous ("A to B to C"). A clause's byte range
    /// runs to the start of whatever ends it, so brackets stay whole.
    fn clauses(&self, at: usize, role: Role, connective: &str) -> Option<(Vec<Clause>, Option<String>)> {
        let found = &self.found;
        let start_of = |i: usize| found.get(i).map_or(self.text.len(), |w| w.start);
        let mut clauses = vec![Clause { role, connective: connective.to_string(), start: self.after(at), end: 0 }];
        let mut clause_start = at;
        let mut past_comma = false;
        let mut end = found.len();
        let mut kind = None;
        for i in at..found.len() {
            let word = found[i].text;
            let lower = word.to_lowercase();
            let comma_before = i > clause_start && gap(self.text, found, Some(i - 1)).contains([',', ';']);
            if i > clause_start {
                if date_at(self.text, found, i) {
                    end = self.before_place(clause_start, i);
                    break;
                }
                if let Some(named) = designation::tail_at(self.text, found, i, self.types) {
                    kind = Some(named.to_string());
                    end = i;
                    break;
                }
                let ends_here = (ENDS.contains(&lower.as_str()) && !(lower == "on" && self.body_before(i)))
                    || (lower == "of" && self.kind_at(i + 1))
                    || (comma_before
                        && word.starts_with(char::is_lowercase)
                        && lower != "and"
                        && role_of(word).is_none());
                if ends_here {
                    end = i;
                    break;
                }
            }
            let opens = i > clause_start && (!past_comma || comma_before);
            if let Some(next_role) = role_of(word).filter(|_| opens) {
                let current = clauses.last_mut().expect("there is always a clause");
                if next_role != current.role {
                    current.end = found[i].start;
                    clauses.push(Clause { role: next_role, connective: lower, start: found[i].end, end: 0 });
                    clause_start = i + 1;
                    past_comma = false;
                    continue;
                }
                // "to A and to B", "to A, to B": a list of recipients; "A to
                // B to C" is not read.
                let listed = comma_before || found[i - 1].text.eq_ignore_ascii_case("and");
                if lower == current.connective && !listed {
                    return None;
                }
            }
            past_comma |= comma_before;
        }
        let last = clauses.last_mut().expect("there is always a clause");
        last.end = start_of(end).max(last.start);
        Some((clauses, kind))
    }

    /// "between A and B": the first party as sender, the second as recipient.
    fn between(&self, at: usize) -> Sides {
        let Some((clauses, _)) = self.clauses(at, Role::Sender, "between") else { return Sides::default() };
        let Some(first) = clauses.first() else { return Sides::default() };
        let stretch = &self.text[first.start..first.end];
        let parts: Vec<&str> = stretch.split(" and ").collect();
        let [a, b] = parts.as_slice() else { return Sides::default() };
        let (Some(a), Some(b)) = (self.side(a), self.side(b)) else { return Sides::default() };
        Sides { from: Some(a), to: Some(b), kind: None }
    }

    /// Sides from clauses; nothing when any clause does not read like a name.
    fn sides(&self, clauses: &[Clause], kind: Option<String>) -> Sides {
        let mut sides = Sides::default();
        for clause in clauses {
            let stretch = &self.text[clause.start..clause.end];
            let Some(name) = self.side(stretch) else { return Sides::default() };
            let slot = match clause.role {
                Role::Sender => &mut sides.from,
                Role::Recipient => &mut sides.to,
            };
            // "Translation of Broadcast to Italy by Menzies": two senders
            // mean the first was not one.
            if slot.replace(name).is_some() {
                return Sides::default();
            }
        }
        if sides.from.is_none() && sides.to.is_none() {
            return Sides::default();
        }
        sides.kind = kind;
        sides
    }

    /// One side tidied, if it reads like a name.
    fn side(&self, stretch: &str) -> Option<String> {
        let side = tidy(stretch);
        if side.is_empty() {
            return None;
        }
        match self.case {
            Case::Lower => {
                let count = side.split_whitespace().count();
                (count <= LONGEST_UNCASED_SIDE && !side.contains(|c: char| c.is_ascii_digit()))
                    .then(|| title_case(&side))
            }
            Case::Mixed | Case::Upper => {
                let words: Vec<&str> = words(&side).iter().map(|w| w.text).collect();
                (reads_like_a_name(&side) && self.types.matches_at(&words).is_empty()).then_some(side)
            }
        }
    }

    /// The end of a clause cut at a date at word `date`: a place in capitals
    /// or a participle just before it belongs to the dateline ("Burton
    /// BATAVIA, 14 November", "Chifley Received 27 December").
    fn before_place(&self, clause_start: usize, date: usize) -> usize {
        let mut end = date;
        while end > clause_start + 1 {
            let word = self.found[end - 1].text;
            let place = self.case == Case::Mixed && is_all_caps(word);
            // "… Received 27 December 1947", "… dated 3 May"
            if !place && !is_participle(word) {
                break;
            }
            end -= 1;
        }
        end
    }

    /// Where a clause whose first word is `at` begins: just after the word
    /// before it, so an opening bracket stays with the name.
    fn after(&self, at: usize) -> usize {
        if at == 0 { 0 } else { self.found.get(at - 1).map_or(self.text.len(), |w| w.end) }
    }

    /// Whether a kind of document begins at word `i` ("of Conversation with").
    fn kind_at(&self, i: usize) -> bool {
        let texts: Vec<&str> = self.found.iter().skip(i).take(self.types.longest_form()).map(|w| w.text).collect();
        !self.types.matches_at(&texts).is_empty()
    }

    /// Whether the word before `i` names a body whose name may hold "on".
    fn body_before(&self, i: usize) -> bool {
        i > 0 && {
            let before = self.found[i - 1].text.to_lowercase();
            BODIES_ON.iter().any(|body| before.ends_with(body))
        }
    }
}

fn role_of(word: &str) -> Option<Role> {
    match word.to_lowercase().as_str() {
        "from" | "by" => Some(Role::Sender),
        "to" | "for" => Some(Role::Recipient),
        _ => None,
    }
}

/// Trims spaces and dangling punctuation, drops footnote markers ("[1]") and
/// remarks in lowercase ("(en route to the United States)"), and unwraps a
/// name the editors bracketed as attributed ("(Stalin)" → "Stalin").
fn tidy(side: &str) -> String {
    let mut side = side.to_string();
    while let Some(open) = side.rfind(['(', '[']) {
        let close = if side[open..].starts_with('(') { ')' } else { ']' };
        let Some(length) = side[open..].find(close) else { break };
        let inner = &side[open + 1..open + length];
        let marker = inner.chars().all(|c| c.is_ascii_digit()) || inner.starts_with(char::is_lowercase);
        if !marker || open == 0 {
            break;
        }
        side.replace_range(open..open + length + 1, " ");
    }
    let side = side.split_whitespace().collect::<Vec<_>>().join(" ").replace(" ,", ",");
    let side = side.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    let side = side
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | ',' | ';' | ':'));
    let side = match side.strip_suffix('.') {
        Some(stem) if stem.rsplit(' ').next().is_some_and(|last| last.chars().count() > 2 && !last.contains('.')) => {
            stem
        }
        _ => side,
    };
    let unwrapped =
        side.strip_prefix('(').and_then(|s| s.strip_suffix(')')).filter(|inner| !inner.contains(['(', ')']));
    unwrapped.unwrap_or(side).trim().to_string()
}

fn reads_like_a_name(side: &str) -> bool {
    side.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&')).all(|word| {
        !word.starts_with(char::is_lowercase) || word.contains('\'') || word.contains('’') || PARTICLES.contains(&word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::designation::at_start;

    /// A title read as the catalogue reader reads it: a kind at its head
    /// first, then the correspondents.
    fn pair(title: &str) -> (Option<String>, Option<String>) {
        let types = DocumentTypes::defaults();
        let sides = match at_start(title, &types) {
            Some(found) => after_kind(&title[found.end..], super::super::title_words::case_of(title), &types),
            None => in_title(title, &types),
        };
        (sides.from, sides.to)
    }

    fn some(from: &str, to: &str) -> (Option<String>, Option<String>) {
        (Some(from.to_string()), Some(to.to_string()))
    }

    fn only_to(to: &str) -> (Option<String>, Option<String>) {
        (None, Some(to.to_string()))
    }

    fn only_from(from: &str) -> (Option<String>, Option<String>) {
        (Some(from.to_string()), None)
    }

    #[test]
    fn wilson_center_titles() {
        assert_eq!(
            pair("Hand-delivered letter, Filippov (Stalin) to Mao Zedong"),
            some("Filippov (Stalin)", "Mao Zedong")
        );
        assert_eq!(pair("Telegram from (Stalin) to Mao Zedong, via Krasovsky"), some("Stalin", "Mao Zedong"));
        assert_eq!(
            pair(
                "Handwritten letter from Gao Gang and Kim Il Sung to Stalin, with 13 June 1951 \
                 handwritten letter from Mao Zedong to Gao Gang and Kim Il Sung"
            ),
            some("Gao Gang and Kim Il Sung", "Stalin")
        );
    }

    #[test]
    fn archive_titles_keep_offices() {
        assert_eq!(
            pair("Mr R. G. Menzies, Prime Minister, to Lord Cranborne, U.K. Secretary of State for Dominion Affairs"),
            some("Mr R. G. Menzies, Prime Minister", "Lord Cranborne, U.K. Secretary of State for Dominion Affairs")
        );
        assert_eq!(
            pair("The Secretary of State to the Embassy in the Soviet Union"),
            some("The Secretary of State", "the Embassy in the Soviet Union")
        );
        assert_eq!(
            pair("Mr R. G. Casey, Minister to the United States, to Department of External Affairs"),
            some("Mr R. G. Casey, Minister to the United States", "Department of External Affairs")
        );
        assert_eq!(
            pair("Mr F. K. Officer, Charge d'Affaires in Japan, to Department of External Affairs"),
            some("Mr F. K. Officer, Charge d'Affaires in Japan", "Department of External Affairs")
        );
    }

    #[test]
    fn an_office_in_the_recipient_may_hold_to_and_for() {
        assert_eq!(
            pair("Department of Foreign Affairs to Ms J. Okafor, Ambassador to Brazil"),
            some("Department of Foreign Affairs", "Ms J. Okafor, Ambassador to Brazil")
        );
        assert_eq!(
            pair("Sir Hugh Lang, Under-Secretary of State to Mrs P. Ngata, Consul for Samoa"),
            some("Sir Hugh Lang, Under-Secretary of State", "Mrs P. Ngata, Consul for Samoa")
        );
        assert_eq!(
            pair("Cabinet Office to Ms Rao, Minister for Trade, and to Mr Lee, High Commissioner to Fiji"),
            some("Cabinet Office", "Ms Rao, Minister for Trade, and to Mr Lee, High Commissioner to Fiji")
        );
        assert_eq!(
            pair("Ministry of Health to Regional Boards and to Hospital Committees"),
            some("Ministry of Health", "Regional Boards and to Hospital Committees")
        );
        assert_eq!(
            pair("Ms Rao, Premier, to Mr Lee, Treasurer, to Ms Ito, Minister for Ports, and to Mr Obi"),
            some("Ms Rao, Premier", "Mr Lee, Treasurer, to Ms Ito, Minister for Ports, and to Mr Obi")
        );
        assert_eq!(
            pair("Mr A. Brandt, Premier, to Mr O. Silva, Foreign Minister (then in Lisbon)"),
            some("Mr A. Brandt, Premier", "Mr O. Silva, Foreign Minister")
        );
    }

    #[test]
    fn the_common_title_patterns() {
        assert_eq!(pair("Cablegram to Canberra"), only_to("Canberra"));
        assert_eq!(pair("LETTER FROM CASEY TO MENZIES"), some("Casey", "Menzies"));
        assert_eq!(pair("letter from casey to menzies"), some("Casey", "Menzies"));
        assert_eq!(pair("Minute, Smith to Jones"), some("Smith", "Jones"));
        assert_eq!(pair("Record of Conversation between Evatt and Molotov"), some("Evatt", "Molotov"));
        assert_eq!(pair("Submission No 12: Minister to Cabinet"), some("Minister", "Cabinet"));
        assert_eq!(pair("SUBMISSION NO 12: MINISTER TO CABINET"), some("Minister", "Cabinet"));
        assert_eq!(pair("Cable from Zhou Enlai to Mao Zedong"), some("Zhou Enlai", "Mao Zedong"));
        assert_eq!(pair("Minute by Robertson"), only_from("Robertson"));
        assert_eq!(pair("Memorandum for Cabinet"), only_to("Cabinet"));
        assert_eq!(pair("Submission by Dedman to Council of Defence"), some("Dedman", "Council of Defence"));
        assert_eq!(
            pair("Speech by the Prime Minister, Mr Holt, to the Press Club"),
            some("the Prime Minister, Mr Holt", "the Press Club")
        );
        assert_eq!(
            pair("Memorandum prepared for the Delegation to the Peace Conference"),
            only_to("the Delegation to the Peace Conference")
        );
        assert_eq!(
            pair("Report of Discussions between Service Officers and Hasluck"),
            some("Service Officers", "Hasluck")
        );
        assert_eq!(pair("Telex, Wellington to Ottawa, 12 May 1972"), some("Wellington", "Ottawa"));
        assert_eq!(pair("Kirby to Burton BATAVIA, 14 November 1947, 2.03 p.m."), some("Kirby", "Burton"));
        assert_eq!(pair("Haddad to the Embassy Received 2 March 1961"), some("Haddad", "the Embassy"));
        assert_eq!(pair("Evatt to MacArthur [1]"), some("Evatt", "MacArthur"));
        assert_eq!(
            pair("Note by Mr S. Ito, Consul in Osaka, of Conversation with Mr T. Abe, Governor"),
            only_from("Mr S. Ito, Consul in Osaka")
        );
        assert_eq!(pair("Note by Ito of Conversation with Abe"), only_from("Ito"));
        assert_eq!(
            pair("Letter from the Committee on Public Accounts to the Treasurer"),
            some("the Committee on Public Accounts", "the Treasurer")
        );
    }

    #[test]
    fn a_kind_after_the_correspondents() {
        let types = DocumentTypes::defaults();
        let read = |title: &str| in_title(title, &types);
        assert_eq!(
            read("Casey to Menzies: letter"),
            Sides { from: Some("Casey".into()), to: Some("Menzies".into()), kind: Some("Letter".into()) }
        );
        assert_eq!(
            read("Dedman to Chifley Cablegram IT0261 GENEVA, 7 August 1947"),
            Sides { from: Some("Dedman".into()), to: Some("Chifley".into()), kind: Some("Cablegram".into()) }
        );
    }

    #[test]
    fn titles_that_are_not_correspondence_give_nothing() {
        for title in [
            "Memorandum on Relations between Australia and Japan",
            "Notes on U.K. Chiefs of Staff Answers to Questions raised by the Delegation",
            "Minutes of Fourth Meeting of Principal Delegates to Imperial Conference",
            "A to B to C",
            "Experiments relating heat to pressure",
            "Agreement between Australia and New Zealand and Fiji",
            "experiments relating heat to pressure",
            "Wednesday, 4th September 1929",
            "Legation in Washington to",
            "Translation of Broadcast to Italy by Mr R. G. Menzies",
            "Welcome to Tidewater",
            "Introduction to Harmonic Analysis",
            "Changes to the Harbour Act",
        ] {
            assert_eq!(pair(title), (None, None), "{title}");
        }
    }

    #[test]
    fn tidying_a_side() {
        assert_eq!(tidy(" (Stalin) "), "Stalin");
        assert_eq!(tidy("Jones."), "Jones");
        assert_eq!(tidy("Mr Lee, U.K."), "Mr Lee, U.K.");
        assert_eq!(tidy("MacArthur [1],"), "MacArthur");
        assert_eq!(tidy("Mr Curtin (en route to the United States)"), "Mr Curtin");
        assert_eq!(tidy("Filippov (Stalin)"), "Filippov (Stalin)");
        assert_eq!(tidy("Queuille[1], Stalin, Attlee"), "Queuille, Stalin, Attlee");
    }
}
