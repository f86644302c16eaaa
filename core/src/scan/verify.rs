//! Verification: from a candidate start, the family's DFA runs anchored; ends pass the
//! boundaries and the validators, and the secret part of an accepted match is located.

use super::boundary::left_ok;
use super::boundary::right_ok;
use super::boundary::widen_to_char_boundaries;
use super::families::FamilyDfa;
use super::syntax_config;
use super::Abort;
use super::BuildError;
use super::FamilyId;
use super::Matcher;
use super::RuleMatch;
use super::Scratch;
use super::Span;
use crate::rules::builtin::Boundary;
use crate::rules::secret::SecretPart;
use crate::text::bytes::ByteSet;
use regex_automata::hybrid::dfa::Cache;
use regex_automata::meta;
use regex_automata::Anchored;
use regex_automata::Input;

/// What [`Matcher::accept`] decides about one candidate match.
enum Verdict {
    /// A secret: redact this span.
    Accept(Span),
    /// Not this rule here.
    Reject,
    /// The secret is a label or an allowlisted value: leave it, and the rule's shorter
    /// readings at the same anchor with it.
    Kept,
}

/// The left boundaries checked for one candidate start, by the family's local pattern id (the
/// first 64; later ones are checked every time): the automaton meets a match state at many
/// ends of one start, and some boundaries look far back (a URL's userinfo, a product token).
#[derive(Default)]
pub(super) struct LeftChecks {
    known: u64,
    ok: u64,
}

impl LeftChecks {
    #[inline]
    pub(super) fn get(&mut self, pid: usize, check: impl FnOnce() -> bool) -> bool {
        let Some(bit) = 1u64.checked_shl(pid as u32) else {
            return check();
        };
        if self.known & bit == 0 {
            self.known |= bit;
            if check() {
                self.ok |= bit;
            }
        }
        self.ok & bit != 0
    }
}

/// The right boundaries of the rules one match state holds, kept while the automaton stays
/// in that state: a value's loop (`[^\s&,;]+` after a key) meets the same match state at
/// every byte, and only the end where one of its rules' boundaries holds is worth recording.
#[derive(Default)]
struct StateRights {
    sid: Option<regex_automata::hybrid::LazyStateID>,
    /// A rule for each distinct boundary (at most four); `None` when a rule allows any end
    /// or there are more. Read on the state's first end that the family's boundaries allow.
    rules: Option<([u32; 4], usize)>,
    /// The bytes after which one of `rules` may end, and whether one ends after a closing
    /// quote whatever follows (see `boundary::right_may_hold`). Made on the state's second end:
    /// inside a token, where every byte is a match state, the next byte refuses most ends
    /// with one lookup; where the state changes at every byte, it is never made.
    next: (ByteSet, bool),
    /// Which of `rules` (bit 0) and `next` (bit 1) belong to `sid`.
    known: u8,
}

type StateContext<'a> = (&'a Matcher, &'a FamilyDfa, &'a Cache);

impl StateRights {
    /// Moves to match state `sid`; whether the automaton was in it at the last end already.
    #[inline]
    fn enter(&mut self, sid: regex_automata::hybrid::LazyStateID) -> bool {
        if self.sid == Some(sid) {
            return true;
        }
        self.sid = Some(sid);
        self.known = 0;
        false
    }

    /// A necessary condition of [`StateRights::allow`] at `end`, from the bytes around it.
    #[inline]
    fn may_end(&mut self, cx: StateContext<'_>, hay: &[u8], end: usize) -> bool {
        if self.known & 2 == 0 {
            self.next = Self::may_end_after(cx.0, self.rules(cx));
            self.known |= 2;
        }
        let (set, after_quote) = self.next;
        hay.get(end).map_or(true, |&b| set.contains(b))
            || (after_quote && matches!(hay[end - 1], b'"' | b'\''))
    }

    /// Whether a rule of the current match state may end at `end`.
    #[inline]
    fn allow(&mut self, cx: StateContext<'_>, hay: &[u8], end: usize) -> bool {
        self.rules(cx).map_or(true, |(rules, n)| {
            rules[..n]
                .iter()
                .any(|&r| right_ok(&cx.0.rules[r as usize].right, hay, end))
        })
    }

    fn rules(&mut self, (m, fd, cache): StateContext<'_>) -> Option<([u32; 4], usize)> {
        if self.known & 1 == 0 {
            let sid = self.sid.expect("entered a state");
            self.rules = Self::collect(m, fd, cache, sid);
            self.known |= 1;
        }
        self.rules
    }

    /// `boundary::right_may_hold` over a state's rules.
    fn may_end_after(m: &Matcher, rules: Option<([u32; 4], usize)>) -> (ByteSet, bool) {
        let Some((rules, n)) = rules else {
            return (ByteSet::EMPTY.complement(), false);
        };
        rules[..n]
            .iter()
            .map(|&r| m.right_may[r as usize])
            .fold((ByteSet::EMPTY, false), |(set, quote), (s, q)| {
                (set.union(s), quote || q)
            })
    }

    fn collect(
        m: &Matcher,
        fd: &FamilyDfa,
        cache: &Cache,
        sid: regex_automata::hybrid::LazyStateID,
    ) -> Option<([u32; 4], usize)> {
        let mut rules = [0u32; 4];
        let mut n = 0;
        for k in 0..fd.dfa.match_len(cache, sid) {
            let rule = fd.rules[fd.dfa.match_pattern(cache, sid, k).as_usize()];
            let b = &m.rules[rule as usize].right;
            if *b == Boundary::None {
                return None;
            }
            if !rules[..n].iter().any(|&r| m.rules[r as usize].right == *b) {
                *rules.get_mut(n)? = rule;
                n += 1;
            }
        }
        Some((rules, n))
    }
}

/// The verification work left for one value: it is proportional to the value's length, so
/// that no input makes the search super-linear; a value that exhausts it is failed closed.
pub(super) struct Budget {
    left: usize,
}

impl Budget {
    pub(super) fn for_input(len: usize) -> Budget {
        Budget {
            left: len.saturating_mul(16).saturating_add(1 << 16),
        }
    }

    #[inline]
    fn spend(&mut self, n: usize) -> Result<(), Abort> {
        self.left = self.left.checked_sub(n + 8).ok_or(Abort::Budget)?;
        Ok(())
    }
}

/// The spans accepted last, which `candidate` looks through for one that holds its start or
/// a match. Spans are accepted in about the order of their starts, so one that holds a new
/// candidate is among the latest; missing an older one costs only the work it would have
/// saved, and a value with a hundred thousand spans stays linear (looking through all of them
/// made a 10 MB line of e-mails and cards take minutes).
#[inline]
fn recent_spans(spans: &[Span]) -> &[Span] {
    &spans[spans.len().saturating_sub(8)..]
}

/// Whether a match of `rule` over `start..end` would change nothing: an accepted span
/// already holds it, and `resolve` would merge it away (it starts later, or at the same start
/// it is shorter or comes from a rule that sorts after). Its validators need not run (the
/// groups of a card number that a phone reading would take again).
#[inline]
pub(super) fn covered(spans: &[Span], start: usize, end: usize, rule: u32) -> bool {
    spans.iter().any(|a| {
        a.start <= start && end <= a.end && (a.start < start || end < a.end || a.rule <= rule)
    })
}

/// One regex per rule with a secret group, run only on accepted matches: a search sets up
/// only that rule's automaton (one regex of them all made each search clear state for every
/// rule's NFA).
pub(super) struct SecretGroups {
    pub(super) regexes: Vec<meta::Regex>,
    /// Rule index → its regex in `regexes`.
    pub(super) ids: Vec<Option<u32>>,
}

impl SecretGroups {
    pub(super) fn build(rules: &[RuleMatch], nfa_limit: usize) -> Result<SecretGroups, BuildError> {
        let mut ids = vec![None; rules.len()];
        let mut regexes = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            if r.secret != SecretPart::Captured {
                continue;
            }
            ids[i] = Some(regexes.len() as u32);
            let re = meta::Regex::builder()
                .syntax(syntax_config())
                .configure(
                    // Each runs anchored on one accepted match, for its groups: the one-pass
                    // DFA and the backtracker do that; the lazy DFAs (and the reverse NFA they
                    // need) would only cost building time, a regex per captured rule.
                    meta::Config::new()
                        .utf8_empty(false)
                        .hybrid(false)
                        .dfa(false)
                        .nfa_size_limit(Some(nfa_limit)),
                )
                .build(&format!("(?:{})$", r.pattern))
                .map_err(|e| BuildError::Other {
                    rule: Some(i),
                    message: e.to_string(),
                })?;
            regexes.push(re);
        }
        Ok(SecretGroups { regexes, ids })
    }
}

impl Matcher {
    /// Whether a rule of family `family` allows a match to start at `s` (its left boundary).
    #[inline]
    pub(super) fn start_allowed(&self, family: FamilyId, hay: &[u8], s: usize) -> bool {
        match &self.families[family as usize].lefts {
            Some(lefts) => lefts.iter().any(|&b| left_ok(b, hay, s)),
            None => true,
        }
    }

    pub(super) fn candidate(
        &self,
        hay: &[u8],
        family: FamilyId,
        s: usize,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        if sc.recent.contains(&(family, s)) {
            return Ok(());
        }
        sc.recent[sc.recent_at] = (family, s);
        sc.recent_at = (sc.recent_at + 1) % sc.recent.len();
        if !self.start_allowed(family, hay, s) {
            return Ok(());
        }
        let fd = &self.families[family as usize];
        // Ends inside a span accepted from an earlier start change nothing (see `covered`):
        // only ends past `floor` are recorded, and a start that cannot reach past it is done.
        let floor = recent_spans(&sc.spans)
            .iter()
            .filter(|a| a.start < s && s < a.end)
            .map(|a| a.end)
            .max()
            .unwrap_or(0);
        if floor >= s.saturating_add(fd.max_len) {
            return Ok(());
        }
        sc.ends.clear();
        self.verify(
            fd,
            &mut sc.caches[family as usize],
            hay,
            s,
            floor,
            &mut sc.ends,
            budget,
        )?;
        if sc.ends.is_empty() {
            return Ok(());
        }
        // Longest end first within each rule; rules in priority order.
        sc.ends
            .sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut i = 0;
        while i < sc.ends.len() {
            let pid = sc.ends[i].0;
            let rule_idx = fd.rules[pid as usize];
            let mut accepted = false;
            while i < sc.ends.len() && sc.ends[i].0 == pid {
                if !accepted && !covered(recent_spans(&sc.spans), s, sc.ends[i].1, rule_idx) {
                    let end = sc.ends[i].1;
                    match self.accept(rule_idx, hay, s, end, sc, allow) {
                        Verdict::Accept(span) => {
                            sc.spans.push(span);
                            accepted = true;
                        }
                        // The longest reading's secret is a label or an allowlisted value:
                        // that text is already safe, and a shorter reading would take part
                        // of its context (a scheme, a key) for the secret.
                        Verdict::Kept => accepted = true,
                        Verdict::Reject => {}
                    }
                }
                i += 1;
            }
        }
        Ok(())
    }

    /// Runs the family DFA anchored at `s`, pushing `(local pattern, end)` for every end past
    /// `floor` that passes the rule's length limits and boundaries.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn verify(
        &self,
        fd: &FamilyDfa,
        cache: &mut Cache,
        hay: &[u8],
        s: usize,
        floor: usize,
        ends: &mut Vec<(u32, usize)>,
        budget: &mut Budget,
    ) -> Result<(), Abort> {
        let input = Input::new(hay).range(s..).anchored(Anchored::Yes);
        let dfa = &fd.dfa;
        let mut sid = dfa
            .start_state_forward(cache, &input)
            .map_err(|_| Abort::Quit)?;
        let limit = hay
            .len()
            .min(s.saturating_add(fd.max_len).saturating_add(1));
        let first_end = s.saturating_add(fd.min_len).max(floor.saturating_add(1));
        // Every end of this start has the same left boundary: each rule's is checked once.
        let mut lefts = LeftChecks::default();
        let mut state_rights = StateRights::default();
        let mut i = s;
        while i < limit {
            sid = dfa
                .next_state(cache, sid, hay[i])
                .map_err(|_| Abort::Quit)?;
            if sid.is_tagged() {
                if sid.is_match() {
                    if i >= first_end
                        && (!state_rights.enter(sid)
                            || state_rights.may_end((self, fd, cache), hay, i))
                        && fd
                            .rights
                            .as_ref()
                            .map_or(true, |rs| rs.iter().any(|b| right_ok(b, hay, i)))
                        && state_rights.allow((self, fd, cache), hay, i)
                    {
                        self.record(fd, cache, sid, (hay, s, i), ends, &mut lefts);
                    }
                } else if sid.is_dead() {
                    budget.spend(i - s)?;
                    return Ok(());
                } else if sid.is_quit() {
                    return Err(Abort::Quit);
                }
            }
            i += 1;
        }
        budget.spend(i - s)?;
        if limit == hay.len() {
            sid = dfa.next_eoi_state(cache, sid).map_err(|_| Abort::Quit)?;
            if sid.is_match() && hay.len() > floor {
                self.record(fd, cache, sid, (hay, s, hay.len()), ends, &mut lefts);
            }
        }
        Ok(())
    }

    fn record(
        &self,
        fd: &FamilyDfa,
        cache: &Cache,
        sid: regex_automata::hybrid::LazyStateID,
        (hay, s, end): (&[u8], usize, usize),
        ends: &mut Vec<(u32, usize)>,
        lefts: &mut LeftChecks,
    ) {
        let len = end - s;
        for k in 0..fd.dfa.match_len(cache, sid) {
            let pid = fd.dfa.match_pattern(cache, sid, k).as_usize();
            let rule = &self.rules[fd.rules[pid] as usize];
            if len >= rule.min_len
                && len <= rule.max_len
                && lefts.get(pid, || left_ok(rule.left, hay, s))
                && right_ok(&rule.right, hay, end)
            {
                ends.push((pid as u32, end));
            }
        }
    }

    /// Validators, secret group and allowlist for one candidate match.
    fn accept(
        &self,
        rule_idx: u32,
        hay: &[u8],
        s: usize,
        end: usize,
        sc: &mut Scratch,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Verdict {
        let rule = &self.rules[rule_idx as usize];
        let m = &hay[s..end];
        if !rule.validators.iter().all(|v| v.pre_check(m)) {
            return Verdict::Reject;
        }
        // A match whose part cannot be found is replaced whole (fail closed).
        let (ss, se) = match self.secret_groups.ids[rule_idx as usize] {
            Some(re) => self.secret_span(re, m, sc),
            None => rule.secret.locate(m),
        }
        .unwrap_or((0, m.len()));
        if ss >= se {
            return Verdict::Reject;
        }
        let secret = &m[ss..se];
        // A value that stops before `]` leaves a label's closing bracket outside the match
        // (`[REDACTED:x` `]`): the label with it is kept too.
        let bracketed = secret.first() == Some(&b'[') && hay.get(s + se) == Some(&b']');
        if allow(secret) || (bracketed && allow(&hay[s + ss..s + se + 1])) {
            return Verdict::Kept;
        }
        if !rule
            .validators
            .iter()
            .filter(|v| v.needs_secret())
            .all(|v| v.check_after_pre(m, secret))
        {
            return Verdict::Reject;
        }
        let (start, end) = widen_to_char_boundaries(hay, s + ss, s + se);
        Verdict::Accept(Span {
            start,
            end,
            rule: rule_idx,
        })
    }

    fn secret_span(&self, re: u32, m: &[u8], sc: &mut Scratch) -> Option<(usize, usize)> {
        let (cache, caps) = sc.cap_caches.get_mut(re as usize)?;
        let input = Input::new(m).anchored(Anchored::Yes);
        self.secret_groups.regexes[re as usize].search_captures_with(cache, &input, caps);
        // A pattern may name alternative parts `secret`, `secret2`, `secret3` (group names
        // cannot repeat); the one that took part in the match is the secret.
        ["secret", "secret2", "secret3"]
            .iter()
            .find_map(|n| caps.get_group_by_name(n))
            .map(|g| (g.start, g.end))
    }
}
