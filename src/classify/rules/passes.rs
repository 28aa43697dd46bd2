//! Pure: no I/O. The rule passes, one per kind of evidence, each a [`Pass`] turning an
//! analysed [`Note`] into [`Reason`]s (weights are filled in later by the verdict).

use super::*;

fn push(out: &mut Vec<Reason>, rule: &'static str, message: String, span: Option<Range<usize>>) {
    out.push(Reason {
        rule: rule.into(),
        message: message.into(),
        weight: 0,
        span: span.filter(|s| !s.is_empty()),
    });
}

/// Links, contact details, prices and sales figures.
pub fn pass_marks(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    for (m, r) in &note.marks {
        let found = note.text[r.clone()].trim();
        let (rule, msg) = match m {
            Mark::Email => (
                "contact.email",
                "Leaves an e-mail address, as mass notes do".to_string(),
            ),
            Mark::Phone => (
                "contact.phone",
                "Leaves a phone number, as mass notes do".to_string(),
            ),
            Mark::LinkCallToAction => (
                "link.call_to_action",
                "Links to a booking, sign-up or form page".to_string(),
            ),
            Mark::LinkWork => ("link.work", "Links to code, a paper or a talk".to_string()),
            Mark::LinkOther => ("link.other", "Contains a link".to_string()),
            Mark::Rate => ("pitch.rate", format!("Names a price or a rate: “{found}”")),
            Mark::Metric => ("pitch.metric", format!("Quotes a sales figure: “{found}”")),
        };
        push(out, rule, msg, Some(r.clone()));
    }
}

/// The phrase lexicons: generic, pitch and personal phrasing.
pub fn pass_phrases(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    for (cat, toks) in &note.phrases {
        let span = note.n.span_of(toks.clone());
        let excerpt = span.clone().map_or("", |s| &note.text[s]);
        push(
            out,
            cat.rule(),
            format!("{}: “{excerpt}”", cat.label()),
            span,
        );
    }
}

/// Several words of commercial vocabulary outside the phrases: the shape of a pitch.
pub fn pass_commercial(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    if note.commercial.len() < 2 {
        return;
    }
    for &i in &note.commercial {
        let t = &note.n.tokens[i];
        push(
            out,
            "pitch.vocabulary",
            format!("Commercial vocabulary: “{}”", &note.text[t.span.clone()]),
            Some(t.span.clone()),
        );
    }
}

/// "You reviewed my thesis": recalls something the recipient did.
pub fn pass_you_did(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    if let Some(r) = &note.you_did {
        push(
            out,
            "personal.you_did",
            format!("Recalls something you did: “{}”", &note.text[r.clone()]),
            Some(r.clone()),
        );
    }
}

/// Prior or coming interactions (failure class 7).
pub fn pass_interaction(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    for (rule, toks) in &note.interactions {
        let span = note.n.span_of(toks.clone());
        let excerpt = span.clone().map_or("", |s| &note.text[s]);
        let msg = match *rule {
            "personal.interaction_timed" => {
                format!("Refers to an interaction with a time: “{excerpt}”")
            }
            "personal.interaction_planned" => {
                format!("Refers to a planned interaction: “{excerpt}”")
            }
            "personal.interaction_named" => {
                format!("Refers to a particular interaction: “{excerpt}”")
            }
            "personal.their_artefact" => {
                format!("Names something the recipient made: “{excerpt}”")
            }
            "personal.community" => {
                format!("Names a community you share: “{excerpt}”")
            }
            "personal.when" => format!("Names a particular time: “{excerpt}”"),
            "personal.when_day" => format!("Names a day: “{excerpt}”"),
            "personal.when_year" => format!("Names a year gone by: “{excerpt}”"),
            "personal.interaction_thanks" => {
                format!("Thanks them for an interaction: “{excerpt}”")
            }
            _ => format!("Follows up an interaction: “{excerpt}”"),
        };
        push(out, rule, msg, span);
    }
}

/// The user's own school or employer, and their connections, named in the note. A school or
/// employer in a stock frame, in a pitch, or about the recipient with nothing personal beside it
/// is a merge field (failure class 3).
pub fn pass_shared_context(note: &Note<'_>, ctx: &NoteContext<'_>, out: &mut Vec<Reason>) {
    if let Some((org, toks)) = &note.org {
        let what = if org.is_school {
            "your school"
        } else {
            "your employer"
        };
        let who = note.who.get(toks.start).copied().unwrap_or(Who::Neutral);
        let span = note.n.span_of(toks.clone());
        if who == Who::Shared || (note.has_personal_words() && who != Who::Merge) {
            let rule = if org.is_school {
                "context.shared_school"
            } else {
                "context.shared_employer"
            };
            push(
                out,
                rule,
                format!("Names {what} {} as shared context", org.display),
                span,
            );
        } else if who == Who::Sender && ctx.outgoing {
            // The user's own note: "I am at <my employer>" describes the user, the sender,
            // and says nothing of the recipient.
        } else if who == Who::Sender {
            push(
                out,
                "context.same_org",
                format!("Says they are at {what} {} too", org.display),
                span,
            );
        } else {
            push(
                out,
                "context.merge_field",
                format!(
                    "Mentions {what} {} in a sentence that fits anyone: a merge field",
                    org.display
                ),
                span,
            );
        }
    }
    if let Some((name, toks)) = &note.connection {
        push(
            out,
            "context.mutual_person",
            format!("Names {name}, one of your connections"),
            note.n.span_of(toks.clone()),
        );
    }
}

/// Messages and endorsements in the export.
pub fn pass_relationship(_: &Note<'_>, ctx: &NoteContext<'_>, out: &mut Vec<Reason>) {
    let rel = ctx.relationship;
    if rel.messages > 0 {
        let plural = if rel.messages == 1 { "" } else { "s" };
        push(
            out,
            "context.prior_messages",
            format!(
                "You have exchanged {} message{plural} with {}",
                rel.messages, ctx.counterpart
            ),
            None,
        );
    }
    if rel.endorsements > 0 || rel.recommendations > 0 {
        let who = if ctx.counterpart.trim().is_empty() {
            "They"
        } else {
            ctx.counterpart
        };
        push(
            out,
            "context.endorsed",
            format!("{who} endorsed or recommended you before"),
            None,
        );
    }
}

/// The same note from other senders (failure class 4): one other is a hint, two or more make a
/// blast that is never personal.
pub fn pass_cluster(note: &Note<'_>, ctx: &NoteContext<'_>, out: &mut Vec<Reason>) {
    let k = ctx.other_senders;
    if k == 0 {
        return;
    }
    let plural = if k == 1 { "" } else { "s" };
    let rule = if k >= 2 {
        "cluster.blast"
    } else {
        "cluster.same_note"
    };
    let msg = if k >= 2 {
        format!("Same note as {k} other senders: a template, never personal")
    } else {
        format!("Same note as {k} other sender{plural}")
    };
    push(out, rule, msg, Some(note.trimmed.clone()));
}

/// Specific words: content words that are rare in the note's language (failure class 1), by
/// who they are about (failure class 2).
pub fn pass_specifics(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    if !note.lang.has_table() {
        return;
    }
    for (i, t) in note.n.tokens.iter().enumerate() {
        if note.covered[i]
            || t.is_name()
            || !is_content_word(t.text())
            || note.lang.is_common(t.text())
        {
            continue;
        }
        let word = &note.text[t.span.clone()];
        let (rule, msg) = match note.who[i] {
            Who::Recipient => (
                "specific.about_you",
                format!("“{word}” is specific, about you"),
            ),
            Who::Shared => (
                "specific.shared",
                format!("“{word}” is specific, in what you share"),
            ),
            Who::Sender => (
                "specific.about_sender",
                format!("“{word}” is about the sender, not you"),
            ),
            Who::Merge => (
                "specific.merge_field",
                format!("“{word}” fills a sentence that fits anyone"),
            ),
            Who::Neutral => (
                "specific.rare_word",
                format!("“{word}” is uncommon in {}", note.lang.name),
            ),
        };
        push(out, rule, msg, Some(t.span.clone()));
    }
}

/// Failure class 8: a language the lexicons do not cover is said, not guessed from rarity.
pub fn pass_language(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    if !note.lang.has_lexicon() {
        push(
            out,
            "language.no_lexicon",
            format!(
                "Written in {}, which the phrase lists do not cover: judged on links, context and senders only",
                note.lang.name
            ),
            None,
        );
    } else if !note.lang.has_table() {
        push(
            out,
            "language.no_frequency",
            format!(
                "No word-frequency table for {}: no word counts as specific",
                note.lang.name
            ),
            None,
        );
    }
}

/// Very short notes: a greeting and a few words rarely carry a reason, in any language.
pub fn pass_shape(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    let words = note.n.tokens.iter().filter(|t| !t.is_name()).count();
    // A few words are short only in few columns: a wide Hangul or Han character is worth two
    // Latin letters ("어제 세미나에서 질문드렸던 사람입니다" is six words, not a short note).
    // Scripts without spaces (Thai) make few long tokens: few characters decide for them.
    let text = &note.text[note.trimmed.clone()];
    let columns = unicode_width::UnicodeWidthStr::width(text);
    if (words <= 6 && columns <= 45) || text.chars().count() <= 15 {
        push(
            out,
            "shape.short",
            format!("A very short note ({words} words besides names)"),
            Some(note.trimmed.clone()),
        );
    }
}

/// The user's own outgoing note.
pub fn pass_direction(_: &Note<'_>, ctx: &NoteContext<'_>, out: &mut Vec<Reason>) {
    if ctx.outgoing {
        push(
            out,
            "direction.outgoing",
            "You wrote this note".to_string(),
            None,
        );
    }
}

/// Nothing specific and nothing personal: greetings, thanks for connecting, networking phrases
/// (failure class 5).
pub fn pass_no_content(note: &Note<'_>, ctx: &NoteContext<'_>, out: &mut Vec<Reason>) {
    let evidence = out.iter().any(|r| {
        r.rule.starts_with("personal.")
            || r.rule == "specific.about_you"
            || r.rule == "specific.shared"
            || (r.rule.starts_with("context.")
                && r.rule != "context.merge_field"
                && r.rule != "context.same_org")
    });
    if evidence || ctx.relationship.messages > 0 {
        // "Let's stay connected" after a named meeting closes a personal note; it is not the
        // note (failure class 5 cuts both ways).
        for r in out.iter_mut().filter(|r| r.rule == "generic.phrase") {
            r.rule = "generic.phrase_beside_evidence".into();
            r.message = r
                .message
                .replace(
                    "Networking phrase that fits anyone",
                    "Networking phrase, beside specific evidence",
                )
                .into();
        }
        return;
    }
    let generic = out.iter().any(|r| r.rule == "generic.phrase");
    let (rule, msg) = if generic {
        (
            "generic.only_phrases",
            "Only greetings, thanks and networking phrases that fit anyone",
        )
    } else {
        (
            "generic.no_content",
            "Nothing specific to you or shared with you",
        )
    };
    push(out, rule, msg.to_string(), Some(note.trimmed.clone()));
}

#[cfg(test)]
mod tests {
    use super::super::tests::shared;
    use super::*;
    use crate::classify::normalise::name_parts;

    /// The rules one pass adds for a note (an incoming note from "Tom Becker" to "Ana Alvarez").
    fn run(pass: Pass, text: &str, other_senders: u32, outgoing: bool) -> Vec<String> {
        let shared = shared();
        let rel = Relationship {
            messages: u32::from(text.contains("[messages]")),
            ..Relationship::default()
        };
        let ctx = NoteContext {
            shared: &shared,
            relationship: &rel,
            counterpart: "Tom Becker",
            other_senders,
            outgoing,
            sent_year: 2026,
        };
        let n = Normalised::new(text, &name_parts("Tom Becker"), &name_parts("Ana Alvarez"));
        let note = Note::analyse(text, &n, &ctx);
        let mut out = Vec::new();
        pass(&note, &ctx, &mut out);
        for r in &out {
            if let Some(s) = &r.span {
                assert!(s.end <= text.len() && text.is_char_boundary(s.start));
            }
        }
        out.into_iter().map(|r| r.rule.into_owned()).collect()
    }

    /// (pass, note, a rule the pass must add, or "" for none)
    fn check(pass: Pass, table: &[(&str, &str)]) {
        for (note, want) in table {
            let got = run(pass, note, 0, false);
            if want.is_empty() {
                assert!(got.is_empty(), "{note:?}: {got:?}");
            } else {
                assert!(
                    got.iter().any(|r| r == want),
                    "{note:?}: no {want} in {got:?}"
                );
            }
        }
    }

    #[test]
    fn pass_marks_finds_contacts_links_prices_and_figures() {
        check(
            pass_marks,
            &[
                ("Write to sales@example-demo.com", "contact.email"),
                ("Call me on +1 415 555 0100", "contact.phone"),
                (
                    "Book a slot: calendly.com/someone-demo",
                    "link.call_to_action",
                ),
                ("The patch: github.com/ana/demo/pull/3", "link.work"),
                ("See example-demo.com", "link.other"),
                ("Senior developers from $45/hr", "pitch.rate"),
                ("We cut failures by 60%", "pitch.metric"),
                ("%40'a varan zaman tasarrufu", "pitch.metric"),
                ("We met at the meetup", ""),
            ],
        );
    }

    #[test]
    fn pass_phrases_finds_the_lexicon_categories() {
        check(
            pass_phrases,
            &[
                ("Hi Ana, let's connect!", "generic.phrase"),
                ("I'm a recruiter with a role for you", "pitch.recruiting"),
                (
                    "We help SaaS teams like yours cut cloud spend",
                    "pitch.sales",
                ),
                (
                    "on behalf of a client, a short paid call",
                    "pitch.paid_research",
                ),
                ("Join our free webinar, register here", "pitch.promotion"),
                (
                    "I recently got admitted to the MSc program",
                    "pitch.job_seeker",
                ),
                ("We met at RustConf", "personal.met"),
                (
                    "I read your blog post on replication",
                    "personal.their_work",
                ),
                ("thx for the bug report", "personal.thanks"),
                (
                    "We worked together at Northwind in 2019",
                    "personal.shared_past",
                ),
                ("As promised, the link", "personal.prior_contact"),
            ],
        );
    }

    #[test]
    fn pass_commercial_needs_two_words() {
        check(
            pass_commercial,
            &[
                (
                    "Our customers love the platform and the pricing",
                    "pitch.vocabulary",
                ),
                ("I left my resume somewhere", ""),
            ],
        );
    }

    #[test]
    fn pass_you_did_recalls_what_the_recipient_did() {
        check(
            pass_you_did,
            &[
                ("You reviewed my thesis in 2019", "personal.you_did"),
                ("You commented on my post", "personal.you_did"),
                ("You are great", ""),
            ],
        );
    }

    /// Failure class 7: thanks for an interaction, and time given on a named day.
    #[test]
    fn pass_interaction_finds_thanks_for_interactions_not_requests() {
        check(
            pass_interaction,
            &[
                (
                    "thanks for taking my interview on Wednesday",
                    "personal.interaction_thanks",
                ),
                (
                    "thanks for answering my q during the live session",
                    "personal.interaction_thanks",
                ),
                (
                    "Thank you for your time today!",
                    "personal.interaction_timed",
                ),
                (
                    "Danke für das Gespräch gestern",
                    "personal.interaction_thanks",
                ),
                (
                    "gracias por responder mi pregunta",
                    "personal.interaction_thanks",
                ),
                (
                    "Great to see you at our meetup on Saturday",
                    "personal.interaction_timed",
                ),
                ("Thanks in advance for any advice on roles", ""),
                ("Thank you for your time.", ""),
                ("Could we have a quick call Friday?", ""),
                ("Our AI copilot preps your tickets & chat", ""),
            ],
        );
    }

    #[test]
    fn pass_shape_marks_very_short_notes_in_any_script() {
        check(
            pass_shape,
            &[
                ("Hi Ana, let's connect!", "shape.short"),
                ("您好，很高兴认识您！", "shape.short"),
                ("Chào anh, kết nối nhé!", "shape.short"),
                (
                    "We met at the Toronto meetup and talked about the payments migration",
                    "",
                ),
            ],
        );
    }

    #[test]
    fn pass_shared_context_tells_shared_from_merge_fields() {
        check(
            pass_shared_context,
            &[
                (
                    "We worked together at Northwind on payments",
                    "context.shared_employer",
                ),
                (
                    "I see you are at Northwind Labs, we help teams like yours",
                    "context.merge_field",
                ),
                ("I am a student at Crestmoor University", "context.same_org"),
                (
                    "Marta Gil said you'd know who owns the SDK",
                    "context.mutual_person",
                ),
                ("A bank in Munich", ""),
            ],
        );
    }

    #[test]
    fn pass_relationship_counts_messages() {
        check(
            pass_relationship,
            &[("[messages] hi", "context.prior_messages"), ("hi", "")],
        );
    }

    #[test]
    fn pass_cluster_tells_a_pair_from_a_blast() {
        let note = "We are a nearshore dev shop";
        assert_eq!(run(pass_cluster, note, 1, false), ["cluster.same_note"]);
        assert_eq!(run(pass_cluster, note, 2, false), ["cluster.blast"]);
        assert!(run(pass_cluster, note, 0, false).is_empty());
    }

    #[test]
    fn pass_direction_marks_the_users_own_notes() {
        assert_eq!(run(pass_direction, "hi", 0, true), ["direction.outgoing"]);
        assert!(run(pass_direction, "hi", 0, false).is_empty());
    }

    #[test]
    fn pass_no_content_fires_only_without_evidence() {
        check(
            pass_no_content,
            &[("Hi Ana, nice profile", "generic.no_content")],
        );
        // It reads the reasons of the passes before it.
        let text = "Hi Ana, let's connect!";
        let shared = shared();
        let rel = Relationship::default();
        let ctx = NoteContext {
            shared: &shared,
            relationship: &rel,
            counterpart: "",
            other_senders: 0,
            outgoing: false,
            sent_year: 2026,
        };
        let n = Normalised::new(text, &[], &name_parts("Ana Alvarez"));
        let note = Note::analyse(text, &n, &ctx);
        let mut out = Vec::new();
        pass_phrases(&note, &ctx, &mut out);
        pass_no_content(&note, &ctx, &mut out);
        assert!(out.iter().any(|r| r.rule == "generic.only_phrases"));
        let mut out = Vec::new();
        pass_interaction(
            &Note::analyse(
                "thanks for your time today",
                &Normalised::new("thanks for your time today", &[], &[]),
                &ctx,
            ),
            &ctx,
            &mut out,
        );
        pass_no_content(&note, &ctx, &mut out);
        assert!(out.iter().all(|r| !r.rule.starts_with("generic.")));
        // A networking phrase beside a named meeting closes the note: it is renamed, so the
        // fit weighs it apart from a note that is only phrases (class 5 both ways).
        let text = "We met at the Rust meetup yesterday, let's stay connected";
        let n = Normalised::new(text, &[], &name_parts("Ana Alvarez"));
        let note = Note::analyse(text, &n, &ctx);
        let mut out = Vec::new();
        pass_phrases(&note, &ctx, &mut out);
        pass_interaction(&note, &ctx, &mut out);
        pass_no_content(&note, &ctx, &mut out);
        let rules: Vec<&str> = out.iter().map(|r| &*r.rule).collect();
        assert!(
            rules.contains(&"generic.phrase_beside_evidence"),
            "{rules:?}"
        );
        assert!(!rules.contains(&"generic.phrase"), "{rules:?}");
        assert!(!rules.contains(&"generic.only_phrases"), "{rules:?}");
    }
}
