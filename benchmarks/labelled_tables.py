"""Tables the labelled set's variant generators read: written from published conventions
(each table says which), never from what the matcher misses.

The matcher (`screening/`) keeps tables of its own for the same things. These are kept apart
on purpose and written independently, so that the evaluation does not agree with the matcher
merely because both read the same table.
"""

from __future__ import annotations

# -- vendor-master (trade) abbreviations ----------------------------------------------------

#: Word -> the abbreviations vendor masters and postal/ERP name fields write for it.
#: Sources: USPS Publication 28 ("Postal Addressing Standards"), section 352, which tells
#: business mailers to abbreviate name words with its business-word table (Appendix G):
#: ACAD, ASSN/ASSOC, BROS, CTR, CORP, DEPT, DIV, EQUIP, GOVT, INST, INTL, LAB, MFG, MGMT,
#: NATL, SVC, SVCS, SYS, TECH, UNIV; the vendor-master forms named in the class description
#: of issue 14 (TRDG, COMM, COMMS, COMP, GRP, ELEC, INFO, IND, INDS, RES, SVCS, ENGG, HLDGS,
#: MFRS, DEPT, UNIV, INST, ACAD, NATL, ASSN); and libpostal's dictionary of place and
#: business words (resources/dictionaries/en/place_names.txt: institute|inst,
#: university|univ, laboratory|lab, factory|fcty). The first abbreviation is the commonest.
TRADE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "academy": ("ACAD",),
    "association": ("ASSN", "ASSOC"),
    "brothers": ("BROS",),
    "center": ("CTR",),
    "centre": ("CTR",),
    "chemical": ("CHEM",),
    "chemicals": ("CHEM",),
    "communication": ("COMM",),
    "communications": ("COMMS", "COMM"),
    "company": ("CO", "COMP"),
    "computer": ("COMP",),
    "construction": ("CONSTR",),
    "corporation": ("CORP", "CORPN"),
    "department": ("DEPT",),
    "development": ("DEV", "DEVT"),
    "division": ("DIV",),
    "electric": ("ELEC",),
    "electrical": ("ELEC",),
    "electronic": ("ELEC",),
    "electronics": ("ELEC", "ELECTR"),
    "engineering": ("ENGG", "ENGRG"),
    "enterprise": ("ENTPR",),
    "enterprises": ("ENTPRS",),
    "equipment": ("EQUIP", "EQPT"),
    "factory": ("FCTY",),
    "government": ("GOVT",),
    "group": ("GRP",),
    "holding": ("HLDG",),
    "holdings": ("HLDGS",),
    "import": ("IMP",),
    "industrial": ("INDL", "IND"),
    "industries": ("INDS", "IND"),
    "industry": ("IND",),
    "information": ("INFO",),
    "institute": ("INST",),
    "international": ("INTL", "INT'L"),
    "laboratories": ("LABS",),
    "laboratory": ("LAB",),
    "machinery": ("MACH",),
    "management": ("MGMT",),
    "manufacturers": ("MFRS",),
    "manufacturer": ("MFR",),
    "manufacturing": ("MFG",),
    "marketing": ("MKTG",),
    "national": ("NATL", "NAT'L"),
    "production": ("PROD",),
    "products": ("PRODS",),
    "research": ("RES",),
    "scientific": ("SCI",),
    "service": ("SVC",),
    "services": ("SVCS", "SERVS"),
    "systems": ("SYS",),
    "technologies": ("TECH", "TECHS"),
    "technology": ("TECH",),
    "trading": ("TRDG",),
    "university": ("UNIV",),
}

# -- legal forms written out in full ---------------------------------------------------------

#: Legal forms as lists abbreviate them -> the form written out, per jurisdiction, from the
#: names in the ISO 20275 Entity Legal Forms code list (GLEIF ELF list: each jurisdiction's
#: forms with their local names and abbreviations). Each row: (a regular expression for the
#: abbreviation as written at the end of a name, the countries (ISO-2) whose form it is, or
#: () when it is the same everywhere, the forms written out (with and without diacritics,
#: as vendor files write both)). A name gets the row of its listing's country; a
#: country-bound row never applies to a listing of unknown country.
LEGAL_FORMS_IN_FULL: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        r"S\.?\s?A\.?\s+de\s+C\.?\s?V\.?",
        ("MX",),
        ("Sociedad Anónima de Capital Variable", "Sociedad Anonima de Capital Variable"),
    ),
    (
        r"S\.?\s?de\s+R\.?\s?L\.?\s+de\s+C\.?\s?V\.?",
        ("MX",),
        ("Sociedad de Responsabilidad Limitada de Capital Variable",),
    ),
    (r"S\.?\s?A\.?\s?C\.?", ("PE",), ("Sociedad Anónima Cerrada", "Sociedad Anonima Cerrada")),
    (r"S\.?\s?A\.?\s?S\.?", ("CO",), ("Sociedad por Acciones Simplificada",)),
    (
        r"S\.?\s?A\.?\s?S\.?",
        ("FR",),
        ("Société par Actions Simplifiée", "Societe par Actions Simplifiee"),
    ),
    (
        r"S\.?\s?A\.?",
        (
            "ES",
            "MX",
            "CO",
            "VE",
            "PE",
            "AR",
            "CL",
            "EC",
            "PA",
            "BO",
            "PY",
            "UY",
            "CR",
            "GT",
            "HN",
            "NI",
            "SV",
            "DO",
            "CU",
        ),
        ("Sociedad Anónima", "Sociedad Anonima"),
    ),
    (
        r"S\.?\s?A\.?",
        ("FR", "BE", "LU", "CH", "MA", "TN", "DZ", "LB", "SN", "CI", "CM"),
        ("Société Anonyme", "Societe Anonyme"),
    ),
    (r"S\.?\s?A\.?", ("PT", "BR", "AO", "MZ"), ("Sociedade Anónima", "Sociedade Anonima")),
    (
        r"S\.?\s?R\.?\s?L\.?",
        ("RO", "MD"),
        ("Societatea cu Răspundere Limitată", "Societatea cu Raspundere Limitata"),
    ),
    (
        r"S\.?\s?R\.?\s?L\.?",
        ("IT",),
        ("Società a Responsabilità Limitata", "Societa a Responsabilita Limitata"),
    ),
    (
        r"S\.?\s?R\.?\s?L\.?",
        ("ES", "MX", "CO", "VE", "PE", "AR", "CL", "EC", "PA"),
        ("Sociedad de Responsabilidad Limitada",),
    ),
    (
        r"S\.?\s?A\.?\s?R\.?\s?L\.?",
        (),
        ("Société à Responsabilité Limitée", "Societe a Responsabilite Limitee"),
    ),
    (r"S\.?\s?p\.?\s?A\.?", (), ("Società per Azioni", "Societa per Azioni")),
    (r"Ltda\.?", (), ("Limitada",)),
    (
        r"GmbH",
        (),
        ("Gesellschaft mit beschränkter Haftung", "Gesellschaft mit beschraenkter Haftung"),
    ),
    (r"AG", ("DE", "AT", "CH", "LI"), ("Aktiengesellschaft",)),
    (r"KG", ("DE", "AT"), ("Kommanditgesellschaft",)),
    (r"B\.?\s?V\.?", (), ("Besloten Vennootschap",)),
    (r"N\.?\s?V\.?", (), ("Naamloze Vennootschap",)),
    (r"AB", ("SE",), ("Aktiebolag",)),
    (r"Oy", ("FI",), ("Osakeyhtiö", "Osakeyhtio")),
    (r"A/?S", ("NO",), ("Aksjeselskap",)),
    (r"A/?S", ("DK",), ("Aktieselskab",)),
    (r"A\.?\s?[SŞ]\.?", ("TR",), ("Anonim Şirketi", "Anonim Sirketi")),
    (r"a\.?\s?s\.?", ("CZ", "SK"), ("akciová společnost", "akciova spolecnost")),
    (
        r"s\.?\s?r\.?\s?o\.?",
        ("CZ", "SK"),
        ("společnost s ručením omezeným", "spolecnost s rucenim omezenym"),
    ),
    (
        r"sp\.?\s?z\s?o\.?\s?o\.?",
        ("PL",),
        ("spółka z ograniczoną odpowiedzialnością", "spolka z ograniczona odpowiedzialnoscia"),
    ),
    (
        r"d\.?\s?o\.?\s?o\.?",
        ("HR", "RS", "BA", "SI", "ME"),
        ("društvo s ograničenom odgovornošću", "drustvo s ogranicenom odgovornoscu"),
    ),
    (r"E?OOD", ("BG",), ("Druzhestvo s Ogranichena Otgovornost",)),
    (r"L\.?\s?L\.?\s?C\.?", (), ("Limited Liability Company",)),
    (r"L\.?\s?L\.?\s?P\.?", (), ("Limited Liability Partnership",)),
    (r"P\.?\s?L\.?\s?C\.?", (), ("Public Limited Company",)),
    (r"FZ-?LLC", (), ("Free Zone Limited Liability Company",)),
    (r"FZCO", (), ("Free Zone Company",)),
    (r"FZE", (), ("Free Zone Establishment",)),
    (r"Sdn\.?\s+Bhd\.?", (), ("Sendirian Berhad",)),
    (r"Bhd\.?", (), ("Berhad",)),
    (r"Pvt\.?\s+Ltd\.?", (), ("Private Limited",)),
    (r"Pte\.?\s+Ltd\.?", (), ("Private Limited",)),
    # Russian and other post-Soviet forms: the BGN/PCGN romanisation written out, beside the
    # ...oi/...oe spellings lists also use (the existing legal_form class has those).
    (r"OOO", (), ("Obshchestvo s Ogranichennoy Otvetstvennostyu",)),
    (r"TOO", (), ("Tovarishchestvo s Ogranichennoy Otvetstvennostyu",)),
    (r"ZAO", (), ("Zakrytoye Aktsionernoye Obshchestvo",)),
    (r"OAO", (), ("Otkrytoye Aktsionernoye Obshchestvo",)),
    (r"PAO", (), ("Publichnoye Aktsionernoye Obshchestvo",)),
    (r"AO", ("RU", "KZ", "BY", "UA", "UZ", "KG"), ("Aktsionernoye Obshchestvo",)),
    (r"FGUP", (), ("Federalnoye Gosudarstvennoye Unitarnoye Predpriyatiye",)),
)

#: Forms that stand in front of the name in Russian usage ("OOO Nord"); the rows above with
#: these abbreviations also match there.
FRONT_FORMS = ("OOO", "TOO", "ZAO", "OAO", "PAO", "AO", "FGUP")

# -- persons -------------------------------------------------------------------------------

#: Titles put before a person's name. The UN Consolidated List's own TITLE values of its
#: listed individuals (un/UN_consolidated.xml: Maulavi, Mullah, Haji, Qari, Alhaj, Dr.,
#: Major General, Colonel, Doctor, Sheikh, General, Professor, Imam, Mufti...) are used for
#: those persons; everyone else gets one of these general ones (English honorifics and
#: military ranks as libpostal's personal_titles dictionary lists them), or, for names from
#: countries where they are used, one of the religious titles of the UN list.
GENERAL_TITLES = ("Dr.", "Dr", "Prof.", "Eng.", "General", "Gen.", "Colonel", "Col.", "H.E.")
#: Honorifics by the gender the list gives ("Gender Male" in SDN remarks, "Gender: male" in
#: UN comments); a person of unknown gender gets none of these.
MALE_TITLES = ("Mr.", "Mr", "MR")
FEMALE_TITLES = ("Mrs.", "Ms.", "Ms")
#: Honorifics of Arabic, Persian, Afghan and Pakistani names (values of the UN list's TITLE).
ISLAMIC_TITLES = ("Sheikh", "Haji", "Hajji", "Mullah", "Maulavi", "Alhaj", "Imam", "Sayyid")
#: A UN TITLE value is used as a title when it is this short (longer ones are positions:
#: "Former Head of State Central African Republic").
MAX_TITLE_WORDS = 2

#: Particles that belong to the surname and are not a surname of their own (a second surname
#: is dropped only when neither word is one of these).
NAME_PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "abu",
        "abd",
        "de",
        "del",
        "da",
        "dos",
        "das",
        "van",
        "von",
        "la",
        "le",
        "di",
        "ben",
        "ould",
        "ag",
        "ul",
        "ud",
        "ur",
        "y",
    }
)

#: Countries whose names put the family name first (UN name parts: FIRST_NAME is the
#: family name): Chinese, Korean, Vietnamese, Japanese and Hungarian name order.
FAMILY_NAME_FIRST = ("KP", "KR", "CN", "TW", "HK", "MO", "VN", "JP", "HU")

#: Countries of the Spanish (and Portuguese) two-surname convention, where the second
#: surname is the one left out in everyday use.
TWO_SURNAMES = (
    "ES",
    "MX",
    "CO",
    "VE",
    "PE",
    "AR",
    "CL",
    "EC",
    "PA",
    "BO",
    "PY",
    "UY",
    "CR",
    "GT",
    "HN",
    "NI",
    "SV",
    "DO",
    "CU",
    "PT",
    "BR",
)

# -- transliteration and phonetic spelling ----------------------------------------------------

#: Countries whose names are romanised from Arabic script (Arabic, Persian, Pashto, Urdu),
#: and from Cyrillic; the alternations of each family apply to names of those countries.
ARABIC_SCRIPT_COUNTRIES = (
    "AE",
    "BH",
    "DZ",
    "EG",
    "IQ",
    "JO",
    "KW",
    "LB",
    "LY",
    "MA",
    "MR",
    "OM",
    "PS",
    "QA",
    "SA",
    "SD",
    "SO",
    "SY",
    "TN",
    "YE",
    "IR",
    "AF",
    "PK",
    "KM",
    "DJ",
)
CYRILLIC_COUNTRIES = (
    "RU",
    "UA",
    "BY",
    "KZ",
    "KG",
    "TJ",
    "UZ",
    "TM",
    "AZ",
    "AM",
    "GE",
    "MD",
    "BG",
    "RS",
    "MK",
)
CHINESE_COUNTRIES = ("CN", "TW", "HK", "MO")

#: Spellings of one Arabic name, any of which romanisations give (the English, French and
#: German renderings of the same letters; the SDN list carries many as aliases). Each set
#: is whole words, compared in lower case.
ARABIC_NAME_SETS: tuple[tuple[str, ...], ...] = (
    ("muhammad", "mohammed", "mohamed", "mohammad", "muhammed", "mohamad", "muhamad"),
    ("ahmad", "ahmed"),
    ("husayn", "hussein", "husain", "hussain", "hossein", "hosein"),
    ("hasan", "hassan"),
    ("yusuf", "youssef", "yousef", "yusef", "yousuf"),
    ("abdullah", "abdallah", "abdulla"),
    ("usama", "osama"),
    ("umar", "omar"),
    ("uthman", "othman", "osman"),
    ("mahmud", "mahmoud"),
    ("mustafa", "mostafa", "moustafa"),
    ("khalid", "khaled"),
    ("said", "saeed", "sayed", "saied"),
    ("abd", "abdul", "abdel"),
    ("ali", "aly"),
    ("hezbollah", "hizballah", "hizbullah", "hizbollah"),
    ("qasim", "kasim", "qassem", "qasem"),
    ("jamal", "gamal", "djamel"),
    ("rahman", "rehman"),
    ("abbas", "abas"),
)
#: Letter alternations of Arabic-script romanisation (vowels the script does not write, and
#: consonants rendered two ways): (from, to), applied to one place in one word.
ARABIC_LETTER_ALTERNATIONS: tuple[tuple[str, str], ...] = (
    ("ou", "u"),
    ("u", "ou"),
    ("e", "i"),
    ("i", "e"),
    ("o", "u"),
    ("u", "o"),
    ("ee", "i"),
    ("q", "k"),
    ("dh", "z"),
    ("dh", "d"),
    ("kh", "h"),
    ("j", "dj"),
    ("sh", "ch"),
    ("ss", "s"),
    ("mm", "m"),
    ("dd", "d"),
    ("ll", "l"),
    ("bb", "b"),
    ("aa", "a"),
)
#: The article: "al-Qaida", "el-Qaida", "al Qaida", "Qaida" (ALA-LC, French and
#: journalistic usage).
ARABIC_ARTICLES = ("al-", "el-", "al ", "")

#: Alternations between the romanisations of Russian (and other Cyrillic) names:
#: BGN/PCGN (Sergey, Dmitriy, Aleksandr, Khodorkovsky), ICAO passports (Sergei, Dmitrii,
#: Iuliia), English usage (Alexander, Dmitry), German (Wladimir, -witsch, Sch) and French
#: (-vitch, -off, Tch). Each is (regular expression, replacement) on the lower-case word.
CYRILLIC_ALTERNATIONS: tuple[tuple[str, str], ...] = (
    (r"ey$", "ei"),
    (r"ei$", "ey"),
    (r"iy$", "ii"),
    (r"ii$", "iy"),
    (r"iy$", "y"),
    (r"ks", "x"),
    (r"x", "ks"),
    (r"kh", "h"),
    (r"ts", "tz"),
    (r"ya", "ia"),
    (r"ia", "ya"),
    (r"yu", "iu"),
    (r"iu", "yu"),
    (r"^ye", "e"),
    (r"^e", "ye"),
    (r"yev", "ev"),
    (r"ov$", "off"),
    (r"ev$", "eff"),
    (r"^v", "w"),
    (r"vich$", "vitch"),
    (r"vich$", "witsch"),
    (r"^zh", "j"),
    (r"sh", "sch"),
    (r"ch", "tch"),
    (r"yo", "e"),
    (r"iya$", "ia"),
)

#: Pinyin initials -> Wade-Giles (the standard conversion table; apostrophes of aspiration
#: are often left out in vendor files, so both are given).
WADE_GILES_INITIALS: dict[str, tuple[str, ...]] = {
    "b": ("p",),
    "p": ("p'", "p"),
    "m": ("m",),
    "f": ("f",),
    "d": ("t",),
    "t": ("t'", "t"),
    "n": ("n",),
    "l": ("l",),
    "g": ("k",),
    "k": ("k'", "k"),
    "h": ("h",),
    "j": ("ch",),
    "q": ("ch'", "ch"),
    "x": ("hs",),
    "zh": ("ch",),
    "ch": ("ch'", "ch"),
    "sh": ("sh",),
    "r": ("j",),
    "z": ("ts",),
    "c": ("ts'", "ts"),
    "s": ("s",),
    "y": ("y",),
    "w": ("w",),
    "": ("",),
}
#: Pinyin finals -> Wade-Giles finals (the parts of the table that differ; others stay).
WADE_GILES_FINALS: dict[str, str] = {
    "ong": "ung",
    "iong": "iung",
    "ian": "ien",
    "ie": "ieh",
    "ue": "üeh",
    "ve": "üeh",
    "uo": "o",
    "ui": "uei",
    "un": "un",
    "e": "o",
    "i": "i",
    "you": "yu",
    "yan": "yen",
    "ye": "yeh",
    "yue": "yüeh",
    "yong": "yung",
    "yi": "i",
}
#: Syllables whose Wade-Giles form is irregular (the -i of zhi/chi/shi/ri/zi/ci/si).
WADE_GILES_SYLLABLES: dict[str, str] = {
    "zhi": "chih",
    "chi": "ch'ih",
    "shi": "shih",
    "ri": "jih",
    "zi": "tzu",
    "ci": "tz'u",
    "si": "ssu",
    "er": "erh",
    "ge": "ko",
    "ke": "k'o",
    "he": "ho",
    "e": "o",
}

#: Russian romanisation (BGN/PCGN 1947, the system the US and UK lists use) read backwards:
#: Latin letter groups -> Cyrillic, longest first. Context rules (soft sign before y-vowels
#: after a consonant, й after a vowel) are applied by the code that reads this table.
RUSSIAN_FROM_LATIN: tuple[tuple[str, str], ...] = (
    ("shch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("h", "х"),
    ("x", "кс"),
    ("w", "в"),
    ("q", "к"),
    ("c", "к"),
    ("j", "дж"),
)
#: Ukrainian national romanisation (Cabinet of Ministers resolution 55 of 2010, the system
#: of Ukrainian passports) read backwards; initial-position forms are handled in code.
UKRAINIAN_FROM_LATIN: tuple[tuple[str, str], ...] = (
    ("shch", "щ"),
    ("zgh", "зг"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ia", "я"),
    ("iu", "ю"),
    ("ie", "є"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("h", "г"),
    ("g", "ґ"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("y", "и"),
    ("i", "і"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("x", "кс"),
    ("w", "в"),
    ("q", "к"),
    ("c", "к"),
    ("j", "дж"),
)
#: Russian legal forms and their usual words written in Cyrillic, as Russian registers
#: write them (translated, not transliterated: "Joint Stock Company" is "Акционерное
#: общество"). Longest first.
RUSSIAN_FORM_WORDS: tuple[tuple[str, str], ...] = (
    ("federal state unitary enterprise", "Федеральное государственное унитарное предприятие"),
    ("limited liability company", "Общество с ограниченной ответственностью"),
    ("open joint stock company", "Открытое акционерное общество"),
    ("closed joint stock company", "Закрытое акционерное общество"),
    ("public joint stock company", "Публичное акционерное общество"),
    ("joint stock company", "Акционерное общество"),
    ("joint-stock company", "Акционерное общество"),
    ("ojsc", "ОАО"),
    ("cjsc", "ЗАО"),
    ("pjsc", "ПАО"),
    ("jsc", "АО"),
    ("llc", "ООО"),
    ("ooo", "ООО"),
    ("oao", "ОАО"),
    ("zao", "ЗАО"),
    ("pao", "ПАО"),
    ("ao", "АО"),
    ("fgup", "ФГУП"),
)

# -- branches and offices -------------------------------------------------------------------

#: How registers and vendor files write a branch or office after the company's name (the
#: forms of the real lists: "IMAM KHOMEINI RELIEF COMMITTEE (LEBANON BRANCH)", "Branch
#: Office 4: Peshawar"; Chinese registers' "X Co., Ltd. Shanghai Branch" for 分公司).
#: {name} is the company's name, {place} a city.
BRANCH_FORMS: tuple[str, ...] = (
    "{name} {place} Branch",
    "{name} ({place} Branch)",
    "{name} - {place} Branch",
    "{name}, {place} Branch",
    "{name} ({place} Office)",
    "{name} {place} Office",
    "{name} (Representative Office)",
    "{name} Representative Office in {place}",
    "{name} ({place} Representative Office)",
    "{name} (Main Office)",
    "{name} (Head Office)",
    "{name} ({place})",
    "{name} - {place}",
    "{name} Branch Office",
    "{name} (Sales Office)",
    "{name} Liaison Office {place}",
)
#: Chinese branch and office suffixes (分公司 branch company, 代表处 representative office,
#: 办事处 office), written after the company's name with the city.
CHINESE_BRANCH_FORMS: tuple[str, ...] = (
    "{name} {place}分公司",
    "{name}{place}分公司",
    "{name} {place}代表处",
    "{name} {place}办事处",
)

#: Cities where companies of a country keep branches: the capital and the largest
#: commercial cities (with the Chinese name for Chinese cities). Used when the listing's
#: own address names no city.
BRANCH_CITIES: dict[str, tuple[str, ...]] = {
    "CN": (
        "Shanghai",
        "Beijing",
        "Shenzhen",
        "Guangzhou",
        "Hangzhou",
        "Wuhan",
        "Chengdu",
        "Xi'an",
        "Tianjin",
        "Nanjing",
        "Hong Kong",
    ),
    "HK": ("Hong Kong", "Shenzhen", "Shanghai"),
    "RU": ("Moscow", "Saint Petersburg", "Novosibirsk", "Yekaterinburg", "Kazan"),
    "IR": ("Tehran", "Isfahan", "Mashhad", "Tabriz", "Shiraz"),
    "AE": ("Dubai", "Abu Dhabi", "Sharjah"),
    "TR": ("Istanbul", "Ankara", "Izmir"),
    "SY": ("Damascus", "Aleppo", "Latakia"),
    "PK": ("Karachi", "Lahore", "Islamabad"),
    "KP": ("Pyongyang",),
    "IQ": ("Baghdad", "Basra", "Erbil"),
    "LB": ("Beirut",),
    "AF": ("Kabul", "Kandahar"),
    "MX": ("Mexico City", "Guadalajara", "Tijuana", "Monterrey"),
    "CO": ("Bogota", "Medellin", "Cali"),
    "VE": ("Caracas", "Maracaibo"),
    "PA": ("Panama City",),
    "SG": ("Singapore",),
    "MY": ("Kuala Lumpur",),
    "BY": ("Minsk",),
    "UA": ("Kyiv", "Kharkiv"),
    "DE": ("Frankfurt", "Hamburg", "Berlin"),
    "GB": ("London",),
    "IN": ("Mumbai", "New Delhi"),
    "US": ("New York",),
}
#: Trade hubs where branches of companies of any country are found.
BRANCH_HUBS = ("Dubai", "Hong Kong", "Singapore", "London", "Istanbul", "Moscow")
CHINESE_CITY_NAMES: dict[str, str] = {
    "Shanghai": "上海",
    "Beijing": "北京",
    "Shenzhen": "深圳",
    "Guangzhou": "广州",
    "Hangzhou": "杭州",
    "Wuhan": "武汉",
    "Chengdu": "成都",
    "Xi'an": "西安",
    "Tianjin": "天津",
    "Nanjing": "南京",
    "Hong Kong": "香港",
}

# -- numbers -------------------------------------------------------------------------------

ONES = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ORDINAL_WORDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}
ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
