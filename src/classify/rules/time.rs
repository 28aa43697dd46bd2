//! Pure: no I/O. Closed-class time expressions in about forty languages: which particular
//! time a note refers to ("yesterday", "last week", "i fredags", "tối qua", "上週", "어제"),
//! and a stranger's ask for a number of minutes ("15 min", "20 minutos", "15分钟").
//!
//! Unlike the phrase lexicons, these lists are not grown from the notes that were missed: a
//! language's words for yesterday, today, last week and its weekdays form a small closed
//! class, written here whole for every language, so a note in a language no writer used yet
//! is covered the same way.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::super::normalise::{Normalised, skeleton_of};

/// Words and word sequences for a particular past or present time, in spaced scripts.
/// Folded like notes (lowercase, no diacritics) when the matcher is built.
#[rustfmt::skip]
const PAST: &[&str] = &[
    // en
    "yesterday", "today", "tonight", "last night", "last week", "last month", "last weekend",
    "this morning", "this afternoon", "this evening", "earlier today", "earlier this week",
    "the other day", "last monday", "last tuesday", "last wednesday", "last thursday",
    "last friday", "last saturday", "last sunday", "last spring", "last summer", "last fall",
    "last autumn", "last winter",
    // es, ca
    "ayer", "anoche", "anteayer", "hoy", "verano pasado", "primavera pasada", "semana pasada", "mes pasado", "el otro dia", "esta manana", "ahir", "avui", "setmana passada",
    // pt
    "ontem", "anteontem", "hoje", "semana passada", "mes passado", "outro dia", "hoje cedo", "verao passado",
    // fr ("hier" alone is in ONLY_IN: it is "here" in Dutch and German)
    "aujourd hui", "semaine derniere", "semaine passee", "autre jour", "ce matin", "hier soir",
    "mois dernier",
    // it
    "ieri", "oggi", "stamattina", "stasera", "ieri sera", "settimana scorsa", "mese scorso",
    "altro giorno",
    // de
    "gestern", "vorgestern", "vorhin", "heute", "letzte woche", "letzten woche", "letzten monat",
    "letzte nacht", "letzten sommer", "heute morgen", "neulich",
    // nl
    "gisteren", "eergisteren", "gisteravond", "vanochtend", "vanmorgen", "vanmiddag", "vanavond",
    "vandaag", "vorige week", "vorige maand", "afgelopen week", "afgelopen weekend", "laatst",
    // sv, da, no
    "igår", "i går", "idag", "i dag", "i morse", "i morges", "förra veckan", "i förrgår",
    "forrige uge", "sidste uge", "forrige uke", "i forgårs",
    // fi, et, lv, lt
    "eilen", "tänään", "viime viikolla", "täna", "eelmisel nädalal", "vakar", "šodien",
    "pagājušajā nedēļā", "šiandien", "praėjusią savaitę",
    // pl, cs, sk, sl, hr, sr, hu, ro
    "wczoraj", "przedwczoraj", "dzisiaj", "dziś", "zeszłym tygodniu", "ostatnim tygodniu", "včera",
    "dnes", "dneska", "minulý týden", "minulom týždni", "včeraj", "danes", "jučer", "juče",
    "danas", "sinoć", "prošlog tjedna", "prošle nedelje", "tegnap", "tegnapelőtt", "múlt héten",
    "ieri", "azi", "aseară", "săptămâna trecută",
    // tr, az
    "dün", "bugün", "geçen hafta", "geçen ay", "geçen gün", "dünən", "bu gün",
    // el
    "χθες", "χτες", "σήμερα", "προχθές", "την περασμένη εβδομάδα",
    // ru, uk, bg, sr, kk
    "вчера", "сегодня", "позавчера", "на прошлой неделе", "вчора", "учора", "сьогодні",
    "минулого тижня", "днес", "миналата седмица", "јуче", "данас", "кеше", "бүгін",
    // id, ms, tl, vi, sw
    "kemarin", "semalam", "tadi", "hari ini", "minggu lalu", "minggu lepas", "kahapon", "kanina",
    "noong isang linggo", "hôm qua", "tối qua", "tuần trước", "sáng nay", "chiều nay", "tối nay",
    "hôm nay", "hôm trước", "wiki iliyopita", "jiya",
    // hi, mr, ne, bn, ta, te, ur, fa, he, ar (spaced scripts)
    "कल", "आज", "पिछले हफ्ते", "पिछले सप्ताह", "हिजो", "গতকাল", "আজ", "গত সপ্তাহে", "நேற்று", "இன்று", "నిన్న",
    "ఈరోజు", "آج", "دیروز", "امروز", "هفته گذشته", "אתמול", "היום", "أمس", "امس", "البارحة",
    "اليوم",
];

/// Words that name a time in one language and something else in others: (word, the
/// language code where it names a time).
const ONLY_IN: &[(&str, &str)] = &[("hier", "fr"), ("hier soir", "fr")];

/// Weekdays, with the inflected forms a note uses ("i fredags", "w piątek", "perjantaina",
/// "в пятницу", "sexta-feira").
#[rustfmt::skip]
const DAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lunes",
    "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "dilluns", "dimarts",
    "dimecres", "dijous", "divendres", "dissabte", "diumenge", "segunda feira", "terça feira",
    "quarta feira", "quinta feira", "sexta feira", "sexta", "lundi", "mardi", "mercredi", "jeudi",
    "vendredi", "samedi", "dimanche", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì",
    "sabato", "domenica", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
    "sonntag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag", "måndags", "tisdags",
    "onsdags", "torsdags", "fredags", "lördags", "söndags", "mandag", "tirsdag", "lørdag",
    "søndag", "maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina",
    "lauantaina", "sunnuntaina", "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai",
    "poniedziałek", "wtorek", "środę", "środa", "czwartek", "piątek", "sobotę", "niedzielę",
    "pondělí", "úterý", "středu", "čtvrtek", "pátek", "sobotu", "neděli", "hétfőn", "kedden",
    "szerdán", "csütörtökön", "pénteken", "szombaton", "vasárnap", "miercuri", "joi", "vineri",
    "sâmbătă", "duminică", "pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi",
    "δευτέρα", "τρίτη", "τετάρτη", "πέμπτη", "παρασκευή", "σάββατο", "κυριακή", "понедельник",
    "вторник", "среду", "четверг", "пятницу", "пятница", "субботу", "воскресенье", "понеділок",
    "вівторок", "середу", "четвер", "пʼятницю", "п'ятницю", "суботу", "неділю", "петък",
    "четвъртък", "selasa", "rabu", "kamis", "jumat", "sabtu", "lunes", "huwebes", "biyernes",
    "miyerkules", "thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật",
    "ijumaa", "alhamisi", "jumatatu", "सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार",
    "शनिवार", "रविवार", "সোমবার", "মঙ্গলবার", "বুধবার", "বৃহস্পতিবার", "শুক্রবার", "শনিবার",
    "রবিবার", "جمعہ", "جمعرات", "جمعه", "پنجشنبه", "چهارشنبه",
];

/// Time words in scripts written without spaces, or that attach particles and articles to
/// their words (Chinese, Japanese, Korean, Thai, Arabic): found as substrings of the note.
/// (past or present time, weekday)
#[rustfmt::skip]
const UNSPACED: &[(&str, bool)] = &[
    ("昨天", false), ("昨晚", false), ("前天", false), ("上週", false), ("上周", false), ("上星期", false),
    ("上个月", false), ("上個月", false), ("今天", false), ("今早", false), ("今晚", false), ("前几天", false),
    ("前幾天", false), ("昨日", false), ("先週", false), ("先日", false), ("今日", false), ("今朝", false),
    ("昨夜", false), ("先月", false), ("この前", false), ("어제", false), ("그저께", false), ("지난주", false),
    ("지난 주", false), ("오늘", false), ("지난번", false), ("저번", false), ("엊그제", false),
    ("เมื่อวาน", false), ("วันนี้", false), ("สัปดาห์ที่แล้ว", false), ("อาทิตย์ที่แล้ว", false),
    ("เมื่อวันก่อน", false), ("الأسبوع الماضي", false), ("الاسبوع الماضي", false),
    ("الشهر الماضي", false), ("星期一", true), ("星期二", true), ("星期三", true), ("星期四", true),
    ("星期五", true), ("星期六", true), ("星期日", true), ("星期天", true), ("周一", true), ("周二", true),
    ("周三", true), ("周四", true), ("周五", true), ("周六", true), ("周日", true), ("週一", true),
    ("週二", true), ("週三", true), ("週四", true), ("週五", true), ("週六", true), ("週日", true),
    ("礼拜", true), ("禮拜", true), ("月曜", true), ("火曜", true), ("水曜", true), ("木曜", true),
    ("金曜", true), ("土曜", true), ("日曜", true), ("월요일", true), ("화요일", true), ("수요일", true),
    ("목요일", true), ("금요일", true), ("토요일", true), ("일요일", true), ("วันจันทร์", true),
    ("วันอังคาร", true), ("วันพุธ", true), ("วันพฤหัส", true), ("วันศุกร์", true),
    ("วันเสาร์", true), ("วันอาทิตย์", true), ("الاثنين", true), ("الثلاثاء", true),
    ("الأربعاء", true), ("الخميس", true), ("الجمعة", true), ("السبت", true), ("الأحد", true),
];

struct Matchers {
    /// Over a note's skeleton; pattern `i` is a weekday when `day[i]`, and counts only in
    /// language `only_in[i]` when that is given.
    spaced: aho_corasick::AhoCorasick,
    day: Vec<bool>,
    only_in: Vec<Option<&'static str>>,
    unspaced: aho_corasick::AhoCorasick,
    /// A number, then a unit of minutes, in any of the languages.
    minutes: Regex,
}

fn matchers() -> &'static Matchers {
    static M: OnceLock<Matchers> = OnceLock::new();
    M.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut day = Vec::new();
        let mut only_in = Vec::new();
        for (list, is_day) in [(PAST, false), (DAYS, true)] {
            for p in list {
                patterns.push(format!(" {} ", skeleton_of(p)));
                day.push(is_day);
                only_in.push(None);
            }
        }
        for &(p, lang) in ONLY_IN {
            patterns.push(format!(" {} ", skeleton_of(p)));
            day.push(false);
            only_in.push(Some(lang));
        }
        Matchers {
            spaced: aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&patterns)
                .expect("time words"),
            day,
            only_in,
            unspaced: aho_corasick::AhoCorasick::new(UNSPACED.iter().map(|(w, _)| w))
                .expect("unspaced time words"),
            minutes: Regex::new(
                r"(?i)[0-9٠-٩०-९০-৯]+\s?-?\s?(?:(?:min|mins|minutes?|minutos?|minuti|minuten|minuter|minutter|minutt|minut[a-zóů]*|minuut[a-z]*|perc[a-zé]*|dakika[a-zıüöç]*|menit|minit|phút|λεπτ[ά-ώα-ω]*|минут[а-я]*|хвилин[а-я]*|دقيقة|دقائق|دقیقه|मिनट|মিনিট|منٹ)\b|分钟|分鐘|分|분|นาที)",
            )
            .expect("minutes pattern"),
        }
    })
}

/// A particular time named in a note in language `lang`: (is a weekday, token range), in
/// order.
pub fn find(text: &str, n: &Normalised, lang: &str) -> Vec<(bool, Range<usize>)> {
    let m = matchers();
    let mut out: Vec<(bool, Range<usize>)> = m
        .spaced
        .find_overlapping_iter(&n.skeleton)
        .filter(|f| m.only_in[f.pattern().as_usize()].is_none_or(|l| l == lang))
        .map(|f| {
            (
                m.day[f.pattern().as_usize()],
                n.tokens_in(f.start()..f.end()),
            )
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    if !text.is_ascii() {
        for f in m.unspaced.find_iter(text) {
            let toks = n.tokens_in_note(&(f.start()..f.end()));
            if !toks.is_empty() {
                out.push((UNSPACED[f.pattern().as_usize()].1, toks));
            }
        }
    }
    out.sort_by_key(|(_, t)| t.start);
    out
}

/// Byte ranges of asks for a number of minutes ("15 min", "20 minutos", "15分钟").
pub fn minute_asks(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let has_digit = text.chars().any(|c| c.is_numeric());
    has_digit
        .then(|| matchers().minutes.find_iter(text).map(|m| m.range()))
        .into_iter()
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn times_in(note: &str, lang: &str) -> Vec<(bool, String)> {
        let n = Normalised::new(note, &[], &[]);
        find(note, &n, lang)
            .into_iter()
            .map(|(d, t)| (d, n.span_of(t).map_or("", |s| &note[s]).to_string()))
            .collect()
    }

    fn times(note: &str) -> Vec<(bool, String)> {
        times_in(note, "en")
    }

    #[test]
    fn past_times_and_weekdays_in_many_scripts() {
        let past = |s: &str| (false, s.to_string());
        let day = |s: &str| (true, s.to_string());
        assert_eq!(times("great chatting yesterday"), [past("yesterday")]);
        assert_eq!(times("Tack för i fredags!"), [day("fredags")]);
        assert_eq!(times("vi ses i går"), [past("i går")]);
        assert_eq!(times("cảm ơn anh tối qua"), [past("tối qua")]);
        assert_eq!(times("上週在讀書會"), [past("上週")]);
        assert_eq!(times("어제 판교에서"), [past("어제")]);
        assert_eq!(times("merci pour le panel de mardi"), [day("mardi")]);
        assert_eq!(times("nos vemos el jueves"), [day("jueves")]);
        assert_eq!(times("Spotkanie w piątek"), [day("piątek")]);
        assert_eq!(times("την Παρασκευή"), [day("Παρασκευή")]);
        assert_eq!(times("поговорили вчера"), [past("вчера")]);
        assert!(times("We help teams scale their sales").is_empty());
        assert!(times("ich bin heuteeeee").is_empty());
        // "hier" is yesterday only in French.
        assert!(times_in("ik ben hier", "nl").is_empty());
        assert_eq!(times_in("merci pour hier", "fr"), [past("hier")]);
    }

    #[test]
    fn minute_asks_in_many_languages() {
        let asks = |s: &str| minute_asks(s).map(|r| s[r].to_string()).collect::<Vec<_>>();
        assert_eq!(asks("Do you have 15 min next week?"), ["15 min"]);
        assert_eq!(asks("¿tienes 20 minutos?"), ["20 minutos"]);
        assert_eq!(asks("15 dakikanızı alabilir miyim"), ["15 dakikanızı"]);
        assert_eq!(asks("szívesen bemutatom 15 percben"), ["15 percben"]);
        assert_eq!(asks("ένα σύντομο call 15 λεπτών"), ["15 λεπτών"]);
        assert_eq!(asks("15 dakika görüşelim"), ["15 dakika"]);
        assert_eq!(asks("能否占用您15分钟"), ["15分钟"]);
        assert_eq!(asks("15분만 시간 내주실"), ["15분"]);
        assert_eq!(asks("em xin 15 phút"), ["15 phút"]);
        assert_eq!(asks("क्या हम 10 मिनट बात कर सकते हैं"), ["10 मिनट"]);
        assert_eq!(asks("a 30-minute call"), ["30-minute"]);
        assert!(asks("I ran 10 miles").is_empty());
        assert!(asks("no digits here, minutes").is_empty());
    }
}
