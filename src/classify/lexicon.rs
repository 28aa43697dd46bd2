//! Pure: no I/O. The phrase lexicons, by category, in English, French, German, Spanish,
//! Portuguese, Italian and Dutch (and a few words of others), compiled once into one
//! Aho-Corasick automaton over note skeletons.
//!
//! Phrases are written naturally and folded like notes (see [`super::normalise`]), so accents,
//! case, apostrophes and punctuation don't matter. A phrase ending in `*` matches any word
//! starting with its last word (`recruit*` matches "recruiter", "recruiting"). `_r_` and `_s_`
//! stand for the recipient's and the sender's names.

use super::hash::FxSet;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::normalise::skeleton_of;

/// What a phrase is evidence of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cat {
    /// Content-free networking phrasing: "let's connect", "expand my network".
    Generic,
    /// Recruiters, staffing agencies, "we're hiring".
    Recruiting,
    /// Selling a product or a service.
    Sales,
    /// Paid expert calls, surveys, market research.
    Research,
    /// Webinars, courses, communities, podcasts, newsletters, summits.
    Promo,
    /// A job-seeker's form letter.
    JobSeeker,
    /// Investment, fundraising, passive income.
    Investment,
    /// "quick call", "15 minutes": a meeting request from a stranger.
    CallToAction,
    /// "I help", "we run", "free": the sender presenting their own business.
    SelfPromotion,
    /// Stock compliments that fit anyone: "impressed by your background".
    Flattery,
    /// A named meeting: "we met at", "your talk at", "meetup".
    Met,
    /// The recipient's own work: "your post about", "your PR", "your paper".
    TheirWork,
    /// A thank-you for something done: "thanks for the review".
    Thanks,
    /// Shared past: "we worked together", "same team", "classmate".
    SharedPast,
    /// Introduced by someone: "X suggested I reach out".
    Intro,
    /// A prior conversation: "as promised", "following up on our call".
    PriorContact,
    /// Family and life outside work: "cousin", "wedding", "my neighbour".
    Life,
}

impl Cat {
    pub fn rule(self) -> &'static str {
        match self {
            Cat::Generic => "generic.phrase",
            Cat::Recruiting => "pitch.recruiting",
            Cat::Sales => "pitch.sales",
            Cat::Research => "pitch.paid_research",
            Cat::Promo => "pitch.promotion",
            Cat::JobSeeker => "pitch.job_seeker",
            Cat::Investment => "pitch.investment",
            Cat::CallToAction => "pitch.call_to_action",
            Cat::SelfPromotion => "pitch.self_promotion",
            Cat::Flattery => "pitch.stock_flattery",
            Cat::Met => "personal.met",
            Cat::TheirWork => "personal.their_work",
            Cat::Thanks => "personal.thanks",
            Cat::SharedPast => "personal.shared_past",
            Cat::Intro => "personal.introduction",
            Cat::PriorContact => "personal.prior_contact",
            Cat::Life => "personal.life",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Cat::Generic => "Networking phrase that fits anyone",
            Cat::Recruiting => "Recruiting pitch",
            Cat::Sales => "Sales or services pitch",
            Cat::Research => "Paid research or expert-call request",
            Cat::Promo => "Promotes an event, course, community or podcast",
            Cat::JobSeeker => "Job-seeker form letter",
            Cat::Investment => "Investment or fundraising pitch",
            Cat::CallToAction => "Asks a stranger for a call",
            Cat::SelfPromotion => "Presents the sender's own business",
            Cat::Flattery => "Compliment that fits any profile",
            Cat::Met => "Names a meeting or event",
            Cat::TheirWork => "Refers to something the recipient made or said",
            Cat::Thanks => "Thanks them for something specific",
            Cat::SharedPast => "Names a shared past",
            Cat::Intro => "Introduced by someone",
            Cat::PriorContact => "Follows up a prior conversation",
            Cat::Life => "Personal life, not business",
        }
    }

    /// The weight of the category's first match in a note.
    pub fn weight(self) -> i32 {
        LEXICON
            .iter()
            .find(|(c, _, _)| *c == self)
            .map_or(0, |(_, w, _)| *w)
    }

    pub fn is_pitch(self) -> bool {
        matches!(
            self,
            Cat::Recruiting
                | Cat::Sales
                | Cat::Research
                | Cat::Promo
                | Cat::JobSeeker
                | Cat::Investment
                | Cat::CallToAction
                | Cat::SelfPromotion
                | Cat::Flattery
        )
    }

    pub fn is_personal(self) -> bool {
        matches!(
            self,
            Cat::Met
                | Cat::TheirWork
                | Cat::Thanks
                | Cat::SharedPast
                | Cat::Intro
                | Cat::PriorContact
                | Cat::Life
        )
    }
}

/// (category, weight, phrases). Weights: negative towards boilerplate, positive towards
/// personal. The strongest match per category counts (see `rules`).
const LEXICON: &[(Cat, i32, &[&str])] = &[
    (
        Cat::Generic,
        -1,
        &[
            // added with the second blind batch (from the tune and read halves only)
            "rat vui duoc ket noi",
            "vui duoc ket noi",
            "ket noi voi",
            "have a blessed day",
            "blessed day",
            "connect karo",
            "kaise ho",
            "yinde ki",
            "ยินดีที่ได้รู้จัก",
            "merci d accepter",
            "merci d avoir accepte",
            "bedankt voor het accepteren",
            "gracias por aceptar",
            "obrigado por aceitar",
            "danke fur die annahme",
            "hope you are doing well",
            "hope you re doing well",
            "hope you are well",
            "espero que estes bien",
            "espero que estes muy bien",
            "espero que esteja bem",
            "ich hoffe es geht dir gut",
            "tesekkur ederim baglanti",
            "norėčiau susisiekti",
            "noreciau susisiekti",
            "fellow founders",
            // added with the writers' tune half (#8)
            "bora conectar",
            "vamos conectar",
            "vamos nos conectar",
            "connect korben",
            "please connect",
            "pls connect",
            "plz connect",
            "accept my request",
            "accept my connection",
            // added after the independent blind set
            "trevligt att ses",
            "lat oss connecta",
            "låt oss connecta",
            "connecta",
            "utöka mitt nätverk",
            "mitt nätverk",
            "ditt nätverk",
            "bağlantı kurmak",
            "ağınıza katılmak",
            "bağlantı kurmak isterim",
            "ağımı genişletmek",
            "profilinizi gördüm",
            "tanışmak isterim",
            "التواصل معك",
            "شبكة علاقاتي",
            "يسعدني التواصل",
            // en
            "let's connect",
            "lets connect",
            "let us connect",
            "like to connect",
            "love to connect",
            "glad to connect",
            "happy to connect",
            "pleasure to connect",
            "honored to connect",
            "honoured to connect",
            "keen to connect",
            "would be great to connect",
            "connect with you",
            "add you to my network",
            "join your network",
            "be part of your network",
            "part of your network",
            "expand my network",
            "expand my professional network",
            "grow my network",
            "grow my professional network",
            "expanding my network",
            "in my network",
            "have you in my network",
            "my professional network",
            "came across your profile",
            "came across your",
            "your profile",
            "like-minded",
            "like minded",
            "looking forward to connecting",
            "thanks for connecting",
            "thank you for connecting",
            "accept my invitation",
            "accept my request",
            "stay connected",
            "keep in touch",
            "stay in touch",
            "share insights",
            "share knowledge",
            "learn from you",
            "mutual connections",
            "common interests",
            "a lot in common",
            "similar industries",
            "same industry",
            "fellow professionals",
            "explore synergies",
            "wishing you",
            "trocar experiencias",
            "trocar ideias",
            "developper mon reseau",
            "developper mon reseau professionnel",
            "weiter vernetzen",
            "ampliar contactos",
            "uitbreiden",
            "feel free",
            "if you're free",
            "are you free",
            "passionate about",
            "grow together",
            "kindly accept",
            "accept my invite",
            "prazer conectar",
            "profissionais da area",
            "tra i miei contatti",
            "ti seguo",
            "averti tra",
            "overlap in our",
            "valuable for us to connect",
            "given the overlap",
            "thanks for your consideration",
            "thank you for your consideration",
            "thanks in advance",
            "thank you in advance",
            "merci pour votre attention",
            "merci pour votre temps",
            "merci d'avance",
            "danke fur ihre zeit",
            "vielen dank im voraus",
            "gracias por tu tiempo",
            "gracias de antemano",
            "obrigado pela atencao",
            "obrigada pela atencao",
            "grazie per l'attenzione",
            "grazie in anticipo",
            "bedankt voor je tijd",
            "alvast bedankt",
            "have a nice day",
            "have a great day",
            "networking",
            // fr
            "rejoindre votre reseau",
            "rejoindre mon reseau",
            "elargir mon reseau",
            "enrichir mon reseau",
            "votre reseau",
            "mon reseau",
            "au plaisir d'echanger",
            "echanger avec vous",
            "ravi de rejoindre",
            "ravie de rejoindre",
            "votre profil",
            "bonne continuation",
            // de
            "mich vernetzen",
            "mit ihnen zu vernetzen",
            "mit dir vernetzen",
            "zu vernetzen",
            "vernetzen",
            "ihr profil",
            "dein profil",
            "ihrem netzwerk",
            "deinem netzwerk",
            "meinem netzwerk",
            // es
            "conectar contigo",
            "conectar con usted",
            "ampliar mi red",
            "formar parte de tu red",
            "mi red de contactos",
            "tu red de contactos",
            "mi red profesional",
            "tu perfil",
            // pt
            "fazer parte da sua rede",
            "sua rede",
            "minha rede",
            "vamos nos conectar",
            "conectar com voce",
            "seu perfil",
            // it
            "far parte della tua rete",
            "collegarmi con te",
            "la tua rete",
            "la mia rete",
            "il tuo profilo",
            "resto a disposizione",
            // nl
            "met je connecten",
            "connecten",
            "mijn netwerk",
            "je netwerk",
            "jouw netwerk",
            "je profiel",
            // others
            "natverk",
            "sieci kontaktow",
            "aginiza katilmak",
            "つながりましょう",
        ],
    ),
    (
        Cat::Recruiting,
        -4,
        &[
            // added after the independent blind set
            "rekryterar",
            "jag rekryterar",
            "vi rekryterar",
            "vi söker",
            "söker en",
            "spännande bolag",
            "spännande roll",
            "ny tjänst",
            "konsultuppdrag",
            "öppen för att höra mer",
            "işe alım",
            "iş fırsatı",
            "kariyer fırsatı",
            "pozisyon için",
            "pozisyonu için",
            "شركة توظيف",
            "فرص وظيفية",
            "فرصة وظيفية",
            "فرصة عمل",
            "وظيفة شاغرة",
            "تناسب خبراتك",
            "we place",
            "place top",
            "hire your next",
            "detacheringsbureau",
            "stiamo selezionando",
            "ricerca di personale",
            "recruiter",
            "recruiting",
            "recruitment",
            "headhunter",
            "talent partner",
            "talent acquisition",
            "talent advisor",
            "search firm",
            "staffing",
            "we're hiring",
            "we are hiring",
            "now hiring",
            "is hiring",
            "job opportunity",
            "job opportunities",
            "exciting opportunity",
            "new opportunity",
            "opportunity with",
            "an opportunity",
            "confidential opportunity",
            "confidential search",
            "open to new opportunities",
            "open to new roles",
            "open to a new role",
            "new challenge",
            "great fit for",
            "perfect match",
            "good match",
            "great match",
            "fit for a",
            "our client",
            "our clients",
            "one of our clients",
            "my client",
            "a client of ours",
            "retained for",
            "roles i'm working on",
            "role at",
            "a role",
            "the role",
            "roles",
            "positions",
            "open positions",
            "vacancy",
            "job description",
            "job descriptions",
            "competitive package",
            "top-tier comp",
            "base salary",
            "equity",
            "remote-first",
            "online course",
            "my course",
            "our course",
            "new course",
            "fully remote",
            "full remote",
            "100% remote",
            "career growth",
            "your next step",
            "next step",
            "apply at",
            "apply here",
            "careers",
            // fr
            "recrute",
            "recrutement",
            "cabinet de recrutement",
            "recruteur",
            "recruteuse",
            "opportunite",
            "poste",
            "cdi",
            "pourrait correspondre",
            "correspondre a votre profil",
            // de
            "personalberater",
            "personalberaterin",
            "recruiterin",
            "fur einen unserer kunden",
            "fur einen namhaften kunden",
            "unserer kunden",
            "suche ich",
            "m/w/d",
            "mwd",
            "stelle",
            "spannende projekte",
            "spannendes profil",
            "neue herausforderung",
            // es
            "reclutador",
            "reclutadora",
            "vacante",
            "oportunidad",
            "oportunidades",
            "posicion",
            "perfiles como el tuyo",
            "buscando perfiles",
            "un cliente",
            // pt
            "recrutador",
            "recrutadora",
            "vaga",
            "vagas",
            "estamos contratando",
            "oportunidade",
            "combina com seu perfil",
            // it
            "opportunita",
            "nostro cliente",
            "ricerca di un",
            "sto cercando un",
            "posizione",
            "posizioni aperte",
            // nl
            "vacature",
            "a position",
            "position as",
            "position als",
            "berufliche perspektiven",
            "offen fur neue",
            "open to new",
            "executive search",
            "mandate",
            "placement fee",
            "post your role",
            "hiring rust",
            "talent community",
            "bootcamp graduates",
            "wij zoeken",
            "zoeken wij",
            // hiring in the first person plural
            "wir suchen",
            "suchen wir",
            "nous recherchons",
            "buscamos",
            "procuramos",
            "cerchiamo",
            "opdrachtgever",
            "op zoek naar een",
            "kennismaking",
        ],
    ),
    (
        Cat::Sales,
        -4,
        &[
            // added with the second blind batch (from the tune and read halves only)
            "padedame",
            "siulome",
            "chung toi cung cap",
            "giai phap cho",
            "dich vu cua chung toi",
            "ajudamos marcas",
            "ajudamos empresas",
            "wir helfen",
            "nous aidons",
            "ayudamos a",
            "biz yardimci",
            "hizmet veriyoruz",
            "sourcing agent",
            "best price",
            // added after the independent blind set
            "vi hjälper företag",
            "vi hjälper",
            "våra tjänster",
            "vi erbjuder",
            "har ni behov",
            "şirketimiz",
            "firmamız",
            "ajansımız",
            "hizmetlerimiz",
            "hizmet vermekteyiz",
            "çözümleri sunmaktadır",
            "sunmaktadır",
            "çözümlerimiz",
            "eğitimlerimiz",
            "نحن شركة",
            "خدماتنا",
            "خدمات",
            "عروضنا",
            "بأسعار",
            "حلولنا",
            "نقدم",
            "are you hiring",
            "share profiles",
            "you only pay",
            "reprezentuję",
            "oferujemy",
            "współpracy",
            "soluzioni che stiamo",
            "algunas soluciones",
            "soluciones que estamos",
            "we help",
            "we helped",
            "we've helped",
            "helping companies",
            "help companies",
            "help teams",
            "helps teams",
            "teams like yours",
            "companies like",
            "leaders like you",
            "founders like you",
            "we provide",
            "we offer",
            "our platform",
            "our product",
            "our solution",
            "our solutions",
            "our services",
            "our agency",
            "our company",
            "our team of",
            "services",
            "agency",
            "outsourc*",
            "like yours",
            "i lead growth",
            "lead growth",
            "ihnen unsere",
            "vorstellen",
            "als spezialist",
            "spezialist fur",
            "specialiste",
            "our consultancy",
            "consultancy",
            "has capacity",
            "capacity from",
            "happy to send cvs",
            "send cvs",
            "we've developed",
            "we have developed",
            "framework that helps",
            "helps banks",
            "helps companies",
            "the right contact",
            "right contact",
            "unternehmensberatung",
            "begleiten",
            "mit fokus auf",
            "beratung",
            "ghostwriting",
            "advisory board",
            "stipend",
            "peer group",
            "brochure",
            "free personalised",
            "free personalized",
            "free report",
            "free trial",
            "free session",
            "session free",
            "first session",
            "with code",
            "interview coach",
            "salaries",
            "benchmarking",
            "contrato",
            "pagamento em",
            "topa uma conversa",
            "estou montando",
            "loopbaan",
            "kennismakingsgesprek",
            "we are a",
            "we're a",
            "we are an",
            "we're an",
            "siamo una",
            "siamo un",
            "somos uma",
            "somos una",
            "somos um",
            "nous sommes",
            "wir sind ein",
            "wij zijn",
            "specialised in",
            "specialized in",
            "specialising in",
            "specializing in",
            "specializzata",
            "specializzati",
            "especializada",
            "especializado",
            "specialise",
            "spezialisiert",
            "specialise dans",
            "independent consultant",
            "consultant",
            "consultoria",
            "software house",
            "collaborare con",
            "proposal for",
            "our solution is",
            "free account",
            "set you up",
            "set up with",
            "already using",
            "nuestro software",
            "nosso trabalho",
            "notre plateforme",
            "unsere plattform",
            "affordable prices",
            "certified",
            "managed services",
            "we built",
            "we've built",
            "white-label",
            "licensed",
            "solve exactly",
            "show you how",
            "montrer comment",
            "a demo",
            "quick demo",
            "book a demo",
            "for a demo",
            "show you a",
            "reduce fraud",
            "reduce deployment",
            "reduce their",
            "reduce your",
            "reduce costs",
            "cut their",
            "offshore",
            "nearshore",
            "staff augmentation",
            "dev shop",
            "software development",
            "case studies",
            "case study",
            "portfolio",
            "free estimate",
            "free audit",
            "first audit free",
            "free trial",
            "discount",
            "special offer",
            "pricing",
            "rates",
            "design partners",
            "early access",
            "cut cloud spend",
            "cut hiring",
            "qualified meetings",
            "lead generation",
            "on autopilot",
            "save teams",
            "saves teams",
            "ship 2x faster",
            "vendor",
            "vendors",
            "sponsor",
            "sponsorship",
            "download it",
            "give feedback",
            "user interview",
            "feedback on our",
            "decision makers",
            "who handles",
            "right person to talk to",
            "are you the right person",
            "if you have any requirements",
            "any requirements",
            "current requirements",
            "available immediately",
            "pre-vetted",
            "we're a team",
            "we are a team",
            "we're building",
            "i'm building",
            "personal brand",
            "thought leader*",
            "coaching",
            "career coach",
            "mentorship program",
            "mentoria",
            "mentora",
            "freelance",
            "contract basis",
            "day rate",
            "available for freelance",
            "available from",
            "technical co-founder",
            "if you ever need",
            "feel free to reach out",
            "send profiles",
            "share cvs",
            "send over profiles",
            "i'll send profiles",
            // fr
            "nous aidons",
            "nous accompagnons",
            "nos solutions",
            "nos services",
            "notre cabinet",
            "notre solution",
            "notre plateforme",
            "vous presenter",
            "accompagne",
            // de
            "wir unterstutzen",
            "wir helfen",
            "unsere losung",
            "unsere dienstleistung",
            "agentur",
            "unverbindlich*",
            "zu fairen preisen",
            "portfolio schicken",
            "stundensatz",
            "selbststandiger",
            "neue projekte",
            // es
            "ayudamos",
            "ofrecemos",
            "nuestros servicios",
            "nuestra metodologia",
            "servicios de",
            "presentarte",
            "empresas como la tuya",
            // pt
            "ajudamos",
            "oferecemos",
            "nossa plataforma",
            "nossos servicos",
            "solucoes",
            "apresentar nossa",
            // it
            "offriamo",
            "i nostri servizi",
            "consulenza",
            "presentazione dei nostri",
            // nl
            "wij helpen",
            "wij zijn een",
            "dienstverlening",
            "softwarebureau",
            "maatwerk",
        ],
    ),
    (
        Cat::Research,
        -5,
        &[
            // added with the second blind batch (from the tune and read halves only)
            "adina ulasiyorum",
            "adina yaziyorum",
            "ucretli bir",
            "musterimiz",
            "en nombre de un cliente",
            "em nome de um cliente",
            "im auftrag eines kunden",
            "au nom d un client",
            "namens een klant",
            // added with the writers' tune half (#8)
            "on behalf of a client",
            "on behalf of our client",
            "on behalf of my client",
            "an unnamed client",
            "pour le compte d un client",
            "en nombre de un cliente",
            "de parte de un cliente",
            "im auftrag eines kunden",
            "short paid call",
            // added after the independent blind set
            "consulenze telefoniche",
            "consulenze retribuite",
            "società di ricerca",
            "brevi consulenze",
            "استشارات مدفوعة",
            "expert network",
            "industry experts",
            "interviewing experts",
            "writing a book",
            "contributors",
            "network member",
            "paid consultation",
            "phone consultation",
            "paid research",
            "research study",
            "market research",
            "paid call",
            "paid calls",
            "compensated",
            "honorarium",
            "gift card",
            "survey",
            "questionnaire",
            "speak with experts",
            "seeking insights",
            "glg",
            "guidepoint",
            "alphasights",
            "coleman research",
            "third bridge",
            "earning extra income",
            "win an ipad",
            "participants receive",
        ],
    ),
    (
        Cat::Promo,
        -4,
        &[
            // added with the second blind batch (from the tune and read halves only)
            "alumni-netzwerk",
            "alumni netzwerk",
            "absolventinnen und absolventen",
            "liebe absolvent*",
            "antiguos alumnos",
            "antigos alunos",
            "oficina de antiguos",
            "gabinete alumni",
            "red alumni",
            "rede alumni",
            "anciens eleves",
            "reseau des anciens",
            // added with the writers' tune half (#8)
            "buscando ponentes",
            "patrocinadores",
            "looking for speakers",
            "sponsorship opportunities",
            "sponsors and speakers",
            "opciones de participacion",
            "bjuda in dig som gast",
            "guest on our podcast",
            "guest on my podcast",
            // added after the independent blind set
            "shortlisted",
            "nomination details",
            "your nomination",
            "been nominated",
            "you have been nominated",
            "excellence award",
            "innovation award",
            "award shortlist",
            "upvote",
            "product hunt",
            "submit your research",
            "submit your paper",
            "fast peer review",
            "apc",
            "call for papers",
            "networking dinner",
            "save you a seat",
            "by invitation only",
            "invitation only",
            "mastermind",
            "spots left",
            "join our next",
            "our next circle",
            "webinar",
            "briefing",
            "add you to the list",
            "ahead of the curve",
            "weekly digest",
            "exclusive dinner",
            "seats",
            "nominees",
            "claim your spot",
            "leaders list",
            "special issue",
            "publication fee",
            "contribute an article",
            "invited authors",
            "an invite",
            "angel syndicate",
            "syndicate",
            "deals start",
            "masterclass",
            "i host",
            "i produce",
            "my podcast",
            "our podcast",
            "podcast for",
            "guest on",
            "have you on",
            "master class",
            "register here",
            "sign up",
            "spots are limited",
            "limited spots",
            "posti limitati",
            "free registration",
            "as a guest",
            "be featured",
            "our guests",
            "newsletter",
            "community of",
            "our community",
            "exclusive community",
            "slack community",
            "online course",
            "certification",
            "cohort starts",
            "summit",
            "vip guest",
            "complimentary pass",
            "virtual summit",
            "panel of",
            "roundtables",
            "join our",
            "join 5,000",
            "invite link",
            "early birds",
            "promo code",
            "use code",
            "link in bio",
            "link in my profile",
            "job board",
            "followers",
            "annual report",
            "free promotion",
            "free exposure",
            // fr
            "je lance",
            "abonner",
            "inscri*",
            // de
            "online-seminar",
            "kostenlos*",
            "anmeldung",
            "laden sie herzlich",
            // es
            "te invito a unirte",
            "nuestra comunidad",
            "eventos mensuales",
            // pt
            "evento online",
            "inscricoes",
            "adoraria contar com sua presenca",
            // it
            "evento gratuito",
            "iscriviti",
            "ti invito",
            // nl
            "meld je hier aan",
            "gratis webinar",
        ],
    ),
    (
        Cat::JobSeeker,
        -4,
        &[
            // added with the second blind batch (from the tune and read halves only)
            "sinh vien nam",
            "thuc tap",
            "co hoi thuc tap",
            "xin chi vai loi khuyen",
            "xin anh vai loi khuyen",
            "ieskau nauju galimybiu",
            "laisvu poziciju",
            "deneyime sahip",
            "yillik deneyim",
            "pozisyonlari ile ilgileniyorum",
            "staj firsat*",
            "is arayisi",
            "notice period",
            "serving notice",
            // added with the writers' tune half (#8)
            "got admitted",
            "been admitted",
            "recently admitted",
            "admitted to",
            "incoming student",
            "incoming ms",
            "incoming mba",
            "admitted student",
            "tips on housing",
            "year student",
            "final year student",
            "szukam nowych",
            "nowych wyzwan",
            "otwarte rekrutacje",
            "guidance pele",
            "career build",
            "seeking guidance",
            "any openings",
            "open roles on your team",
            "a referral",
            "referal",
            "looking for a job",
            "willing to relocate",
            "grateful for any opportunity",
            "any opportunity",
            "graduate from",
            "strong skills",
            "in your organisation",
            "in your organization",
            "looking for my first job",
            "looking for new opportunities",
            "seeking new opportunities",
            "seeking a new role",
            "currently seeking",
            "actively looking",
            "open to work",
            "looking for internship",
            "internship opportunities",
            "entry-level",
            "entry level",
            "refer me",
            "referral",
            "my resume",
            "my cv",
            "share my cv",
            "review my resume",
            "consider me",
            "consider my profile",
            "kindly consider",
            "dear hiring manager",
            "any openings",
            "any opening",
            "any open positions",
            "any suitable position",
            "if your team is hiring",
            "if your company is hiring",
            "recent graduate",
            "fresh graduate",
            "final-year",
            "final year",
            "years of experience",
            "year of experience",
            "check my github",
            "advice for the interview",
            "i'm applying to",
            "i am applying to",
            "i'd appreciate your help",
            // fr
            "je recherche un stage",
            "recherche d'un stage",
            "alternance",
            "ma candidature",
            "stagiaires",
            // de
            "auf der suche nach einer neuen",
            "falls in ihrem team",
            // es
            "buscando nuevas oportunidades",
            "tener en cuenta mi perfil",
            // pt
            "procurando uma vaga",
            "estou em busca",
            // it
            "alla ricerca di nuove opportunita",
            "segnalarmi",
            // nl
            "ken je vacatures",
            "nieuwe uitdaging",
        ],
    ),
    (
        Cat::Investment,
        -4,
        &[
            // added with the writers' tune half (#8)
            "rodada seed",
            "captando a rodada",
            "o deck",
            "pitch deck",
            "our deck",
            "the deck",
            "seed round",
            // added after the independent blind set
            "business proposal",
            "lucrative",
            "benefit us both",
            "guaranteed returns",
            "guaranteed monthly",
            "high-yield",
            "join my team",
            "build a business",
            "from their phone",
            "from your phone",
            "work from home",
            "ingresos extra",
            "desde casa",
            "cambiando vidas",
            "raise seed",
            "venture capital",
            "venture associate",
            "investor",
            "we invest",
            "portfolio companies",
            "raise funding",
            "investor network",
            "investment fund",
            "annual return",
            "passive income",
            "invest in real estate",
            "invest passively",
            "crypto trading",
            "financial advisor",
            "retirement",
            "wealth management",
        ],
    ),
    (
        Cat::CallToAction,
        -2,
        &[
            // added with the second blind batch (from the tune and read halves only)
            "15 minuten",
            "kurzen call",
            "20 minuten",
            "trumpai pasikalbeti",
            "15 dakika",
            "kisa bir gorusme",
            "posso te mandar",
            "te mando",
            "quick call",
            "kurzer termin",
            "einen termin",
            "wann passt ihnen",
            "10 min",
            "15 min",
            "on your calendar",
            "when can we meet",
            "can we meet",
            "make sense to",
            "free to chat",
            "open to a confidential",
            "quick one",
            "quick question",
            "demo gratuita",
            "breve presentazione",
            "sentirci",
            "20 minutos",
            "teria 20",
            "in 15 minuten",
            "kurze frage",
            "gerne erzahle ich",
            "quick chat",
            "brief call",
            "brief conversation",
            "short call",
            "intro call",
            "a call next week",
            "15 minutes",
            "15-minute",
            "15 minute",
            "20 minutes",
            "20-minute",
            "30-minute",
            "30 minutes",
            "10-minute",
            "90-second",
            "2 minute video",
            "book a slot",
            "booking link",
            "calendly",
            "schedule a call",
            "set up a call",
            "set up a short",
            "hop on a call",
            "open to a quick",
            "are you open to",
            "would you be open to",
            "would you be interested",
            "interested?",
            "want in",
            "want to hear more",
            "shall i send",
            "can i send",
            "can i share",
            "may i send",
            "let me know if you're interested",
            "let me know if you're open",
            "discovery session",
            "free consultation",
            "coffee chat",
            "worth a",
            "reply yes",
            "by the way",
            // fr
            "15 minutes cette semaine",
            "un echange",
            "disponible pour un",
            "auriez-vous",
            "seriez-vous",
            "rendez-vous",
            // de
            "kurzes telefonat",
            "kurzen austausch",
            "hatten sie interesse",
            "hatten sie zeit",
            "darf ich ihnen",
            "gesprach",
            // es
            "una llamada",
            "agendar",
            "videollamada",
            "te interesaria",
            "te gustaria saber mas",
            // pt
            "conversa rapida",
            "reuniao rapida",
            "podemos conversar",
            "agendar uma",
            "tem interesse",
            // it
            "breve call",
            "due chiacchiere",
            "ti andrebbe",
            // nl
            "kort gesprek",
            "vrijblijvend",
            "mag ik",
        ],
    ),
    (
        Cat::SelfPromotion,
        -2,
        &[
            "i help",
            "i work with",
            "we work with",
            "ik help",
            "i run a",
            "we run",
            "free",
            "gratis",
            "for free",
            "gratuit",
            "gratuito",
            "gratuita",
            "kostenfrei",
            "my services",
            "my clients",
            "our clients",
            "my company",
            "i offer",
            "i provide",
        ],
    ),
    (
        Cat::Flattery,
        -1,
        &[
            // added after the independent blind set
            "admire what you've accomplished",
            "what you've accomplished",
            "what you have accomplished",
            "following your career",
            "your career path",
            "your career",
            "your journey",
            "follow your journey",
            "learn from your journey",
            "your impressive journey",
            "your experience at",
            "your experience in",
            "tu experiencia",
            "revisando perfiles",
            "he visto tu experiencia",
            "ho notato il suo profilo",
            "la sua esperienza",
            "sua esperienza",
            "votre parcours",
            "ihr werdegang",
            "ihren werdegang",
            "auf ihr profil aufmerksam",
            "vi seu perfil",
            "sua experiência",
            "din profil",
            "din erfarenhet",
            "je ervaring",
            "deneyiminiz",
            "kariyeriniz",
            "love your vibe",
            "impressed by your",
            "impressed with your",
            "impressive background",
            "impressive work",
            "impressive profile",
            "your background",
            "your experience really stood out",
            "caught my eye",
            "stood out",
            "loved your profile",
            "love your profile",
            "great profile",
            "your expertise",
            "your skills",
            "someone with your",
            "with your experience",
            "congrats on the new role",
            "congrats on your role",
            "hope this message finds you well",
            "hope you're doing well",
            "i hope you are well",
            "i know you're busy",
        ],
    ),
    (
        Cat::Met,
        4,
        &[
            "حضرت محاضرتك",
            "حضرت",
            "محاضرتك",
            "عرضك",
            "التقينا",
            // added with the second blind batch (from the tune and read halves only)
            "hom qua",
            "buoi livestream",
            "grupo de estudos",
            "grupo de estudio",
            "semana passada",
            "la semana pasada",
            "letzte woche",
            "la semaine derniere",
            "vorige week",
            "gecen hafta",
            "la settimana scorsa",
            // added after the independent blind set
            "التقينا في",
            "träffades",
            "tanıştık",
            "konuşmayı dinledim",
            "konuşmanı",
            "we met",
            "met you",
            "meeting you",
            "meet you at",
            "great to meet you",
            "nice to meet you",
            "good to meet you",
            "great meeting you",
            "nice meeting you",
            "was great meeting",
            "we spoke",
            "we chatted",
            "we talked",
            "talked about",
            "chatted after",
            "your talk",
            "your keynote",
            "your presentation",
            "your workshop",
            "your session",
            "your panel",
            "great talk",
            "great panel",
            "great session",
            "your guest lecture",
            "guest lecture",
            "brown-bag",
            "your demo",
            "after your",
            "during your",
            "meetup",
            "conference",
            "booth",
            "hackathon",
            "hack & tell",
            "career fair",
            "career day",
            "coffee break",
            "at the end of your",
            "on the train",
            "interview panel",
            "you interviewed",
            "the workshop",
            "rustconf",
            "rustfest",
            "eurorust",
            "fosdem",
            "devoxx",
            "codemotion",
            "commit conf",
            "vivatech",
            "money20/20",
            "rust nation",
            "jug",
            "alumni evening",
            "release notes",
            "onboarding week",
            "women in tech evening",
            // fr
            "rencontre",
            "rencontres",
            "croises",
            "votre conference",
            "votre intervention",
            // de
            "vortrag",
            "getroffen",
            "unterhalten",
            "beim kaffee",
            // es
            "charla",
            "tu ponencia",
            // pt
            "te conhecer",
            "conhecemos",
            "palestra",
            "no workshop",
            // it
            "conosciuti",
            "il tuo intervento",
            "al tuo intervento",
            "pausa caffe",
            // nl
            "ontmoet",
            "in de workshop",
            "samen in de workshop",
        ],
    ),
    (
        Cat::TheirWork,
        3,
        &[
            // added after the independent blind set
            "keeps coming up",
            "writing a piece",
            "your exit",
            "your post about",
            "your post on",
            "your blog",
            "blog post",
            "blog series",
            "your article",
            "article on",
            "your paper",
            "paper on",
            "your pr",
            "pull request",
            "your pr to",
            "my pull request",
            "your issue",
            "my issue",
            "github issue",
            "your reply",
            "your answer",
            "your comment",
            "your review",
            "your repo",
            "my repo",
            "the repo",
            "starred my",
            "your crate",
            "the crate",
            "maintainer",
            "maintain the",
            "the author of",
            "your rfc",
            "the rfc",
            "stack overflow",
            "your podcast episode",
            "podcast episode",
            "your book",
            "book recommendation",
            "your feedback on my",
            "feedback on my",
            "your point about",
            "your tip",
            "you mentioned",
            "i mentioned",
            "you told me",
            "you suggested",
            "your answers",
            // fr
            "votre article",
            "vous m'aviez conseille",
            // de
            "deinen vortrag",
            "dein blogpost",
            "deine antwort",
            "die folien",
            // es
            "tu respuesta",
            // pt
            "aquele truque",
            "voce mostrou",
            // it
            "il tuo articolo",
            "tuo progetto",
            // nl
            "je review",
            "je tip",
            "mijn pull request",
        ],
    ),
    (
        Cat::Thanks,
        3,
        &[
            // added with the writers' tune half (#8)
            "thx for the",
            "thx for",
            "ty for the",
            "grazie mille per",
            "grazie per il",
            "grazie per i",
            "grazie per la",
            // added after the independent blind set
            "tack för hjälpen",
            "için teşekkür",
            "شكرا على",
            "dzięki za",
            "thanks for the",
            "thanks for your",
            "thank you for the",
            "thank you for your",
            "thanks again",
            "thank you again",
            "thanks for hosting",
            "thank you for being",
            "thanks for the shout-out",
            "saved me",
            "saved my",
            "helped us",
            "helped me",
            "finally made",
            "worked perfect*",
            "the fix worked",
            "as you suggested",
            "well deserved",
            // fr
            "merci pour",
            // de
            "danke fur",
            "vielen dank fur",
            // es
            "gracias por",
            "me ayudo",
            // pt
            "obrigado pel*",
            "obrigada pel*",
            // it
            "grazie per",
            "grazie del",
            // nl
            "bedankt voor",
            "dank voor",
        ],
    ),
    (
        Cat::SharedPast,
        4,
        &[
            // added with the writers' tune half (#8)
            "long time since",
            "long time no see",
            "the old days",
            "days at",
            // added after the independent blind set
            "cohort",
            "group project",
            "project together",
            "we overlapped",
            "overlapped",
            "still remember",
            "remember you",
            "during our",
            "trabalhamos juntos",
            "fomos colegas",
            "colegas de turma",
            "vi jobbade",
            "jobbade tillsammans",
            "birlikte çalıştık",
            "عملنا معا",
            "flatmate",
            "zusammen gearbeitet",
            "worked together",
            "we worked",
            "worked with you",
            "we were on the same",
            "on the same team",
            "same team",
            "took over",
            "handover",
            "we studied",
            "studied together",
            "classmate",
            "same class",
            "back in 20*",
            "long time no see",
            "just joined",
            "new joiner",
            "new colleague",
            "new in the team",
            "new to the team",
            "we built that",
            "built together",
            "remember the",
            "remember me",
            "mentoring session",
            "your mentee",
            "were both on",
            "we were both",
            "erasmus",
            "my son",
            "my daughter",
            "my neighbour",
            "internship on your team",
            // fr
            "on etait",
            // de
            "wir waren zusammen",
            "zusammen im team",
            "zusammen am",
            // es
            "trabajamos juntos",
            "trabajamos juntas",
            // pt

            // it
            "abbiamo lavorato insieme",
            // nl
            "samen gewerkt",
        ],
    ),
    (
        Cat::Intro,
        4,
        &[
            // added after the independent blind set
            "your colleague",
            "asked me to connect",
            "asked me to reach out",
            "suggested i contact",
            "suggested i connect",
            "gave me your name",
            "said you'd",
            "said you would",
            "said you know",
            "told me you",
            "told me about you",
            "recommended i",
            "pointed me to you",
            "introduced me",
            "thanks for the intro",
            "the intro to",
            "intro to",
            "mentioned you",
            // fr
            "m'a conseille de vous",
            "m'a donne votre",
            // de
            "meinte, du",
            "meinte du",
            "hat mir erzahlt",
            // es
            "me dijo que",
            // pt

            // it
            "mi ha detto",
            "mi ha suggerito",
            // nl
            "zei dat jij",
            "zei dat je",
        ],
    ),
    (
        Cat::PriorContact,
        4,
        &[
            // added after the independent blind set
            "we discussed",
            "you discussed",
            "on tuesday's call",
            "on monday's call",
            "on wednesday's call",
            "on thursday's call",
            "on friday's call",
            "التقينا",
            "as promised",
            "as discussed",
            "as agreed",
            "following up on our",
            "follow up on our",
            "the call yesterday",
            "our chat",
            "our conversation",
            "on the phone",
            "we spoke on",
            "after our chat",
            "like you said",
            "here's me",
            "here is me",
            "you helped me",
            "you gave",
            "i'm the one",
            "i'm the person",
            "i was the student",
            "one of the students",
            "i'm the engineer",
            "i'm the pm",
            // fr
            "comme promis",
            "suite a notre",
            // de
            "das gesprach gestern",
            // es
            "como te prometi",
            "lo que hablamos",
            // pt
            "como prometido",
            // it
            "come promesso",
            // nl
        ],
    ),
    (
        Cat::Life,
        3,
        &[
            "cousin",
            "mum",
            "mom says",
            "wedding",
            "birthday",
            "bbq",
            "neighbour",
            "neighbor",
            "marathon",
            "hermana",
            "cumpleanos",
            "mum says",
        ],
    ),
];

/// Phrases of scripts written without spaces (Japanese, Chinese), matched as substrings of the
/// note itself: the word automaton needs word boundaries these scripts do not have. Matched
/// unfolded, because folding strips the voicing marks of kana.
pub const UNSPACED: &[(Cat, &[&str])] = &[
    (
        Cat::Generic,
        &[
            "はじめまして",
            "つながり",
            "繋がり",
            "よろしくお願い",
            "很高兴认识",
            "期待您的回复",
            "ยินดีที่ได้รู้จัก",
            "保持联系",
        ],
    ),
    (
        Cat::Recruiting,
        &[
            "ヘッドハンター",
            "転職",
            "求人",
            "採用",
            "年収",
            "ポジション",
            "人材紹介",
            "スカウト",
            "猎头",
            "招聘",
            "职位",
        ],
    ),
    (
        Cat::Sales,
        &[
            "弊社",
            "ご提案",
            "サービスを提供",
            "御社",
            "我司",
            "我们专注于",
            "贵公司",
            "价格",
            "合作",
            "服务",
            "เอเจนซี่",
            "บริการ",
            "ช่วยเพิ่มยอด",
        ],
    ),
    (Cat::Flattery, &["ご経歴", "プロフィールを拝見"]),
    (
        Cat::Thanks,
        &["ありがとうございました", "谢谢您的", "感谢您的分享"],
    ),
    (
        Cat::Met,
        &[
            "先日",
            "お会いし",
            "昨日の",
            "先週の",
            "勉強会",
            "昨天",
            "上周",
            "上次",
            "聊得",
            "展位",
            "见面",
            "เมื่อวาน",
            "ที่พาทัวร์",
            "ขอบคุณที่",
        ],
    ),
    (
        Cat::JobSeeker,
        &[
            "实习",
            "研二",
            "研一",
            "请教",
            "求职",
            "应届",
            "インターン",
            "就活",
            "ฝึกงาน",
        ],
    ),
    (Cat::Promo, &["卒業生", "校友会"]),
];

/// Function words and greetings of the supported languages: they say nothing about the
/// recipient, so they never count as specific content.
const STOPWORDS: &str = "
a an the and or but if of to in on at by for from with about as into over after before
i me my mine we us our you your yours he she it they them their this that these those
is am are was were be been being have has had do does did will would shall should can could may might must
not no yes so too very just also only really quite all any some each every more most other such own same
than then there here when where why how what which who whom whose while again further once
s d t ll re ve m im ive id youre lets
hi hello hey dear greetings good morning afternoon evening day hope well doing
best regards kind warm cheers thanks thank many sincerely yours truly wishes all regards br rgds
please pls sir madam mr mrs ms dr team folks everyone
like love would great nice glad happy pleased pleasure honor honour delighted excited
want wanted wish looking forward reach reaching out get got getting see saw seen
one two three new time way ok okay sure maybe really lot lots bit
le la les un une des du de d l j je tu il elle nous vous ils elles mon ma mes ton ta tes son sa ses notre votre nos vos leur leurs
et ou mais donc car ni que qui quoi dont ce cet cette ces est suis es sommes etes sont ai as avons avez ont etre avoir
pour par avec sans sur sous dans en au aux ne pas plus tres bien bonjour bonsoir salut cordialement merci bonne journee
souhaite souhaiterais aimerais voudrais serais ravi ravie permets me te se vos
der die das den dem des ein eine einen einem einer eines und oder aber ich du er sie es wir ihr mich dich mir dir uns euch
mein meine meinen meinem dein deine ihr ihre ihren ihrem unser unsere sein seine ist bin bist sind seid war waren
hallo hi moin servus liebe lieber sehr geehrte geehrter gruße grusse viele beste freundliche mit zu im am vom zum zur von auf fur
gerne gern wurde mochte freuen freue uber nicht auch noch schon
el la los las un una unos unas y o pero de del al en con por para que es soy eres somos son estoy esta
mi mis tu tus su sus nuestro nuestra yo te se le lo nos hola buenos dias buenas saludos gracias un cordial abrazo
me gustaria encantaria quisiera muy
o a os as um uma uns umas e ou mas de do da dos das no na nos nas em com por para que eu voce te se meu minha seu sua
ola oi bom boa dia tarde tudo bem obrigado obrigada abraco abracos abraco atenciosamente gostaria
il lo la i gli le un uno una e o ma di del della dei delle da in con su per che io tu lui lei noi voi mi ti si mio mia tuo tua
ciao buongiorno buonasera salve saluti grazie cordiali un saluto sarei felice piacerebbe vorrei molto
de het een en of maar van in op aan met voor naar dat die dit ik jij je u we wij mijn jouw uw ons onze is ben bent zijn was
hoi hallo goedemiddag goedemorgen groet groeten vriendelijke graag wil zou heel
och att det som en ett jag du han hon vi ni de mig dig min mitt mina din ditt er till med pa av for hej vanliga halsningar garna skulle vilja kunna
og jeg deg meg min mitt hilsen gjerne vil kan
i w z na do ze sie nie jak pan pani panem witam dzien dobry pozdrawiam chetnie moge
ve bir bu ile icin ben sen siz biz merhaba selam tesekkurler saygilarimla iyi calismalar isterim
";

/// Words that carry no specific content in a networking note: they never count as specific.
/// Single words of commercial intent: selling, hiring, promoting, job hunting. One alone means
/// little; several in one note are the vocabulary of a pitch, whatever its exact phrasing.
const COMMERCIAL_WORDS: &str = "
client clients customer customers solution solutions platform platforms product products service services
offer offers offering pricing price prices roi revenue sales marketing seo leads lead-generation agency agencies
consulting consultancy consultant consultants outsourcing offshore nearshore vendor vendors partnership partnerships
hire hiring hires candidate candidates talent talents recruiting recruitment recruiter role roles position positions
vacancy vacancies opening openings salary salaries compensation compensated remote contract contracts freelance
freelancer startup startups scaleup saas tool tools app demo trial webinar webinars summit masterclass course courses
training certification coaching coach program programme membership newsletter podcast survey paid expert experts
opportunity opportunities invest investing investment investors funding fundraising portfolio resume cv internship
interns graduate graduates relocate relocation automation automate automated scale scaling streamline optimize
optimise boost increase grow growth cost costs save savings efficiency productivity discount exclusive limited
register registration sign signup subscribe enroll enrol invite invitation stipend fee fees budget quote proposal
clientes cliente servicios soluciones empresa empresas oferta vacante puesto candidatos contratacion
clients entreprise entreprises solutions offre offres poste candidats recrutement prestations accompagnement
kunden kunde losungen losung dienstleistungen unternehmen angebot stelle stellen bewerber projekte beratung
clientes servicos solucoes empresa empresas oferta vaga vagas candidatos contratacao projeto projetos
clienti servizi soluzioni azienda aziende offerta posizione candidati progetti consulenza
klanten diensten oplossingen bedrijf bedrijven aanbod vacature vacatures kandidaten opdracht opdrachten
shortlisted nomination nominated nominee award awards upvote upvotes launched journal journals submission
submissions lucrative complimentary sdr sdrs quota
rekryterar rekrytering tjänst tjänster konsult konsulter företag bolag uppdrag kunder erbjuder lösningar
şirket şirketimiz firma firmamız hizmet hizmetler hizmetlerimiz çözüm çözümleri eğitim eğitimleri fırsat
fırsatı pozisyon müşteri müşteriler teklif satış ajans ajansımız
شركة توظيف خدمات فرص فرصة وظيفة وظيفية عروض حلول عملاء تسويق
società selezione retribuite consulenze colloquio
oferujemy współpraca współpracy klientów usługi stawkach
";

const GENERIC_WORDS: &str = "
connect connecting connected connection connections network networks networking professional professionals
profile profiles linkedin invitation invite request add join part member grow growing expand expanding
industry industries field fields sector space tech technology business career work working share sharing
insights knowledge learn learning inspiring inspire interest interests interested interesting common similar
synergies explore opportunity opportunities mutual fellow likeminded minded keen community success successful
continued continue future together touch stay keep admire admirer big fan follow following posts post content
feed came across found noticed interesting look looks impressive amazing awesome wonderful background experience
people person someone world global leaders leader experts expert valuable value honored honoured god bless
accept accepted sending sent send hear happy day week weekend nice have has
reseau reseaux profil echanger elargir enrichir rejoindre plaisir continuation domaine
netzwerk netzwerken vernetzen profil kontakt kontakte bereich austausch
red contactos perfil conectar ampliar formar parte exito
rede contatos perfil conectar sucesso prazer fazer parte
rete contatti profilo collegarmi collegare conoscerti disposizione qualsiasi cosa piacere
netwerk profiel connecten contact
tecnologia tambem trabalho trabalhar experiencias experiencia area
logiciel passionne passionnee passion informatique numerique
developer developers engineer engineers enthusiast enthusiasts student manager designer analyst architect
specialist consultant freelancer founder entrepreneur
developpeur developpeuse ingenieur ingenieure entwickler entwicklerin desarrollador desarrolladora
desenvolvedor desenvolvedora sviluppatore sviluppatrice ontwikkelaar
adding added since same also too e-meet emeet meet greetings respected kindly
faire heureux heureuse belle bel beau vous plaisir
leuk succes alles om te met
buon buona lavoro connettermi piacere conoscerti
gusto saludarte encantado encantada
";

pub struct Lexicon {
    pub automaton: AhoCorasick,
    /// Per pattern: (category, weight, pattern is a prefix of its last word).
    pub meta: Vec<(Cat, i32, bool)>,
    pub stopwords: FxSet<&'static str>,
    pub generic_words: FxSet<&'static str>,
    pub commercial_words: FxSet<String>,
}

impl Lexicon {
    pub fn is_filler(&self, word: &str) -> bool {
        self.stopwords.contains(word) || self.generic_words.contains(word)
    }
}

/// The compiled lexicon, built on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(build)
}

fn build() -> Lexicon {
    let mut patterns = Vec::new();
    let mut meta = Vec::new();
    for &(cat, weight, phrases) in LEXICON {
        for p in phrases {
            let prefix = p.ends_with('*');
            let sk = skeleton_of(p.trim_end_matches('*'));
            if sk.is_empty() {
                continue;
            }
            let pat = if prefix {
                format!(" {sk}")
            } else {
                format!(" {sk} ")
            };
            patterns.push(pat);
            meta.push((cat, weight, prefix));
        }
    }
    // A full DFA: the lexicon is small (a few hundred KB of transitions) and every note is
    // scanned once, so the fastest search kind pays for its memory.
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&patterns)
        .expect("the lexicon's patterns are plain strings");
    Lexicon {
        automaton,
        meta,
        stopwords: STOPWORDS
            .split_whitespace()
            .chain(super::stock::GREETINGS.iter().copied())
            .chain(super::stock::SIGN_OFFS.iter().copied())
            .collect(),
        generic_words: GENERIC_WORDS.split_whitespace().collect(),
        // Folded like the words of a note, so accented and non-Latin entries match too.
        commercial_words: COMMERCIAL_WORDS
            .split_whitespace()
            .map(skeleton_of)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cats(note: &str) -> Vec<Cat> {
        let sk = format!(" {} ", skeleton_of(note));
        let lex = lexicon();
        let mut v: Vec<Cat> = lex
            .automaton
            .find_overlapping_iter(&sk)
            .map(|m| lex.meta[m.pattern().as_usize()].0)
            .collect();
        v.dedup();
        v
    }

    #[test]
    fn phrases_match_across_case_accents_and_quotes() {
        let table: &[(&str, Cat)] = &[
            ("LET’S CONNECT", Cat::Generic),
            ("J'aimerais élargir mon réseau", Cat::Generic),
            ("I'm a Recruiter at Apex", Cat::Recruiting),
            ("we're hiring!", Cat::Recruiting),
            ("Wir unterstützen Unternehmen", Cat::Sales),
            ("a paid expert network call, honorarium $200", Cat::Research),
            ("Register for our webinar", Cat::Promo),
            ("Please review my resume", Cat::JobSeeker),
            ("book a slot on my calendly", Cat::CallToAction),
            ("We met at the Rust meetup", Cat::Met),
            ("loved your blog post", Cat::TheirWork),
            ("merci pour votre aide", Cat::Thanks),
            ("we worked together at Acme", Cat::SharedPast),
            ("Marta gave me your name", Cat::Intro),
            ("as promised, the link", Cat::PriorContact),
            ("my cousin", Cat::Life),
        ];
        for (note, want) in table {
            assert!(cats(note).contains(want), "{note:?} should match {want:?}");
        }
    }

    #[test]
    fn prefix_patterns_match_word_starts_only() {
        assert!(cats("we outsource development").contains(&Cat::Sales));
        assert!(!cats("a crowdsourced map").contains(&Cat::Sales));
    }

    #[test]
    fn phrases_need_word_boundaries() {
        assert!(!cats("postgres").contains(&Cat::TheirWork));
        assert!(!cats("standard").contains(&Cat::Met));
    }
}
