"""Country names as lists write them, mapped to the ISO 3166-1 alpha-2 codes suppliers carry.

OFAC's add.csv, the UN XML and OpenSanctions give countries as names or codes; the matcher
compares a supplier's ISO-2 code with the entry's, so loaders turn names into codes here.
A name not found stays out of `countries` (it is still shown in the address).
"""

from __future__ import annotations

import re
import unicodedata

# ISO 3166-1 alpha-2 codes and short names, copied from the IANA tz database's iso3166.tab
# (public domain; /usr/share/zoneinfo/iso3166.tab).
_ISO3166 = """
AD Andorra
AE United Arab Emirates
AF Afghanistan
AG Antigua & Barbuda
AI Anguilla
AL Albania
AM Armenia
AO Angola
AQ Antarctica
AR Argentina
AS Samoa (American)
AT Austria
AU Australia
AW Aruba
AX Åland Islands
AZ Azerbaijan
BA Bosnia & Herzegovina
BB Barbados
BD Bangladesh
BE Belgium
BF Burkina Faso
BG Bulgaria
BH Bahrain
BI Burundi
BJ Benin
BL St Barthelemy
BM Bermuda
BN Brunei
BO Bolivia
BQ Caribbean NL
BR Brazil
BS Bahamas
BT Bhutan
BV Bouvet Island
BW Botswana
BY Belarus
BZ Belize
CA Canada
CC Cocos (Keeling) Islands
CD Congo (Dem. Rep.)
CF Central African Rep.
CG Congo (Rep.)
CH Switzerland
CI Côte d'Ivoire
CK Cook Islands
CL Chile
CM Cameroon
CN China
CO Colombia
CR Costa Rica
CU Cuba
CV Cape Verde
CW Curaçao
CX Christmas Island
CY Cyprus
CZ Czech Republic
DE Germany
DJ Djibouti
DK Denmark
DM Dominica
DO Dominican Republic
DZ Algeria
EC Ecuador
EE Estonia
EG Egypt
EH Western Sahara
ER Eritrea
ES Spain
ET Ethiopia
FI Finland
FJ Fiji
FK Falkland Islands
FM Micronesia
FO Faroe Islands
FR France
GA Gabon
GB Britain (UK)
GD Grenada
GE Georgia
GF French Guiana
GG Guernsey
GH Ghana
GI Gibraltar
GL Greenland
GM Gambia
GN Guinea
GP Guadeloupe
GQ Equatorial Guinea
GR Greece
GS South Georgia & the South Sandwich Islands
GT Guatemala
GU Guam
GW Guinea-Bissau
GY Guyana
HK Hong Kong
HM Heard Island & McDonald Islands
HN Honduras
HR Croatia
HT Haiti
HU Hungary
ID Indonesia
IE Ireland
IL Israel
IM Isle of Man
IN India
IO British Indian Ocean Territory
IQ Iraq
IR Iran
IS Iceland
IT Italy
JE Jersey
JM Jamaica
JO Jordan
JP Japan
KE Kenya
KG Kyrgyzstan
KH Cambodia
KI Kiribati
KM Comoros
KN St Kitts & Nevis
KP Korea (North)
KR Korea (South)
KW Kuwait
KY Cayman Islands
KZ Kazakhstan
LA Laos
LB Lebanon
LC St Lucia
LI Liechtenstein
LK Sri Lanka
LR Liberia
LS Lesotho
LT Lithuania
LU Luxembourg
LV Latvia
LY Libya
MA Morocco
MC Monaco
MD Moldova
ME Montenegro
MF St Martin (French)
MG Madagascar
MH Marshall Islands
MK North Macedonia
ML Mali
MM Myanmar (Burma)
MN Mongolia
MO Macau
MP Northern Mariana Islands
MQ Martinique
MR Mauritania
MS Montserrat
MT Malta
MU Mauritius
MV Maldives
MW Malawi
MX Mexico
MY Malaysia
MZ Mozambique
NA Namibia
NC New Caledonia
NE Niger
NF Norfolk Island
NG Nigeria
NI Nicaragua
NL Netherlands
NO Norway
NP Nepal
NR Nauru
NU Niue
NZ New Zealand
OM Oman
PA Panama
PE Peru
PF French Polynesia
PG Papua New Guinea
PH Philippines
PK Pakistan
PL Poland
PM St Pierre & Miquelon
PN Pitcairn
PR Puerto Rico
PS Palestine
PT Portugal
PW Palau
PY Paraguay
QA Qatar
RE Réunion
RO Romania
RS Serbia
RU Russia
RW Rwanda
SA Saudi Arabia
SB Solomon Islands
SC Seychelles
SD Sudan
SE Sweden
SG Singapore
SH St Helena
SI Slovenia
SJ Svalbard & Jan Mayen
SK Slovakia
SL Sierra Leone
SM San Marino
SN Senegal
SO Somalia
SR Suriname
SS South Sudan
ST Sao Tome & Principe
SV El Salvador
SX St Maarten (Dutch)
SY Syria
SZ Eswatini (Swaziland)
TC Turks & Caicos Is
TD Chad
TF French S. Terr.
TG Togo
TH Thailand
TJ Tajikistan
TK Tokelau
TL East Timor
TM Turkmenistan
TN Tunisia
TO Tonga
TR Turkey
TT Trinidad & Tobago
TV Tuvalu
TW Taiwan
TZ Tanzania
UA Ukraine
UG Uganda
UM US minor outlying islands
US United States
UY Uruguay
UZ Uzbekistan
VA Vatican City
VC St Vincent
VE Venezuela
VG Virgin Islands (UK)
VI Virgin Islands (US)
VN Vietnam
VU Vanuatu
WF Wallis & Futuna
WS Samoa (western)
YE Yemen
YT Mayotte
ZA South Africa
ZM Zambia
ZW Zimbabwe
"""

# Spellings the lists use that the tz table does not (OFAC add.csv, UN XML, DPL), checked by
# reading the distinct values of ../shared/data/ofac/*/add.csv and un/UN_consolidated.xml.
# "XK" (Kosovo) and "AN" (Netherlands Antilles) are the codes the lists themselves use.
_ALIASES: dict[str, str] = {
    "Antigua and Barbuda": "AG",
    "Bahamas, The": "BS",
    "Bolivia (Plurinational State of)": "BO",
    "Bosnia and Herzegovina": "BA",
    "British Virgin Islands": "VG",
    "Brunei Darussalam": "BN",
    "Burma": "MM",
    "Cabo Verde": "CV",
    "Central African Republic": "CF",
    "China": "CN",
    "China, Hong Kong Special Administrative Region": "HK",
    "Congo": "CG",
    "Congo, Democratic Republic of the": "CD",
    "Congo, Republic of the": "CG",
    "Cote d Ivoire": "CI",
    "Cote d'Ivoire": "CI",
    "Curacao": "CW",
    "Czech Republic": "CZ",
    "Czechia": "CZ",
    "Côte d'Ivoire": "CI",
    "Democratic People's Republic of Korea": "KP",
    "Democratic Republic of the Congo": "CD",
    "Eswatini": "SZ",
    "Gambia, The": "GM",
    "Gaza": "PS",
    "Holy See": "VA",
    "Hong Kong": "HK",
    "Iran (Islamic Republic of)": "IR",
    "Korea, North": "KP",
    "Korea, South": "KR",
    "Kosovo": "XK",
    "Lao People's Democratic Republic": "LA",
    "Laos": "LA",
    "Libyan Arab Jamahiriya": "LY",
    "Macau": "MO",
    "Man, Isle of": "IM",
    "Micronesia, Federated States of": "FM",
    "Moldova, Republic of": "MD",
    "Myanmar": "MM",
    "Netherlands Antilles": "AN",
    "North Korea": "KP",
    "North Macedonia": "MK",
    "North Macedonia, The Republic of": "MK",
    "Palestinian": "PS",
    "Republic of Korea": "KR",
    "Republic of Moldova": "MD",
    "Russian Federation": "RU",
    "Saint Kitts and Nevis": "KN",
    "Saint Vincent and the Grenadines": "VC",
    "Samoa": "WS",
    "Sint Maarten": "SX",
    "South Korea": "KR",
    "State of Palestine": "PS",
    "Swaziland": "SZ",
    "Syrian Arab Republic": "SY",
    "Taiwan": "TW",
    "The Gambia": "GM",
    "Trinidad and Tobago": "TT",
    "Turkey": "TR",
    "Türkiye": "TR",
    "United Kingdom": "GB",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "United Republic of Tanzania": "TZ",
    "United States": "US",
    "United States of America": "US",
    "Vatican City": "VA",
    "Venezuela (Bolivarian Republic of)": "VE",
    "Viet Nam": "VN",
    "Vietnam": "VN",
    "Virgin Islands, British": "VG",
    "West Bank": "PS",
}


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]+", " ", text).strip()


_BY_NAME: dict[str, str] = {
    **{_key(line[3:]): line[:2] for line in _ISO3166.strip().splitlines()},
    **{_key(name): code for name, code in _ALIASES.items()},
}
_CODES = frozenset(line[:2] for line in _ISO3166.strip().splitlines()) | {"XK", "AN"}


def country_code(value: str) -> str:
    """The ISO-2 code of a country name or code, or "" when it is not a country we know."""
    text = value.strip()
    if len(text) == 2 and text.upper() in _CODES:
        return text.upper()
    return _BY_NAME.get(_key(text), "")


def country_codes(*values: str) -> tuple[str, ...]:
    """ISO-2 codes of the given names or codes, in order, without repeats or unknowns."""
    return tuple(dict.fromkeys(c for c in (country_code(v) for v in values) if c))
