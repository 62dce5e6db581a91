/**
 * German job titles by ISCO-08 unit group, written by hand (ESCO ships no German labels here, and no German parallel
 * text: see docs/taxonomy.md). Used by title normalisation (src/taxonomy/german-titles.ts reads a German title as the
 * ESCO occupations of the unit group it names) and by the occupation title check (MatchEngine.occupationTitleFit).
 * Common titles of the Bundesagentur's job board for the shortage and entry occupations that labour-migration
 * pathways serve, masculine and feminine forms, written as people write them (compounds, hyphenated and not).
 * Entries of six letters or more also match as the end of a compound ("Metallschweißer" → "schweißer").
 * Feminine forms and role words written into a compound ("Dachdeckergeselle", "Lagermitarbeiterin") are read by
 * germanWordForms (german-titles.ts), so an entry need not list every such compound.
 */
const FARM_LABOURERS = ['Erntehelfer', 'Erntehelferin', 'Saisonarbeiter', 'Saisonarbeiterin', 'Saisonkraft', 'Landarbeiter', 'Landarbeiterin', 'Feldarbeiter', 'Spargelstecher', 'Obstpflücker', 'Erdbeerpflücker', 'Helfer Landwirtschaft', 'Landwirtschaftshelfer'];

export const GERMAN_TITLES_BY_ISCO: Readonly<Record<string, readonly string[]>> = {
  // health and care
  '2221': ['Pflegefachkraft', 'Pflegefachfrau', 'Pflegefachmann', 'Krankenpfleger', 'Krankenpflegerin', 'Krankenschwester', 'Gesundheits- und Krankenpfleger', 'Gesundheits- und Krankenpflegerin', 'Intensivpfleger', 'Intensivpflegerin', 'Fachkrankenpfleger', 'Altenpfleger', 'Altenpflegerin', 'examinierte Pflegekraft', 'OP-Pfleger', 'Stationsleitung Pflege'],
  '2222': ['Hebamme', 'Entbindungspfleger'],
  '3221': ['Pflegeassistent', 'Pflegeassistentin', 'Krankenpflegehelfer', 'Krankenpflegehelferin'],
  '5321': ['Pflegehelfer', 'Pflegehelferin', 'Altenpflegehelfer', 'Altenpflegehelferin', 'Pflegeassistent', 'Pflegeassistentin', 'Betreuungskraft', 'Alltagsbegleiter', 'Alltagsbegleiterin', 'Pflegekraft'],
  '5322': ['Haushaltshilfe Pflege', '24-Stunden-Betreuung', 'Seniorenbetreuer', 'Seniorenbetreuerin', 'häusliche Pflege', 'ambulante Pflegekraft',
    // t14-vocab: live-in ("24-Stunden", "in häuslicher Gemeinschaft") and home care services (ambulant; Austria's Heimhilfe)
    'Stunden-Pflegekraft', 'Stunden-Betreuer', 'Stunden-Betreuerin', 'Stundenbetreuerin', 'Live-in-Betreuer', 'Live-in-Betreuerin', 'Live-in-Pflegekraft',
    'häuslicher Gemeinschaft', 'Pflegedienst', 'ambulanter Pflegedienst', 'Pflegekraft ambulant', 'Heimhilfe', 'Hauskrankenpflege'],
  '3256': ['Medizinische Fachangestellte', 'Arzthelfer', 'Arzthelferin'],
  '2211': ['Arzt', 'Ärztin', 'Assistenzarzt', 'Assistenzärztin', 'Allgemeinmediziner'],
  '2262': ['Apotheker', 'Apothekerin'],
  '2264': ['Physiotherapeut', 'Physiotherapeutin', 'Krankengymnast'],
  '3258': ['Rettungssanitäter', 'Rettungssanitäterin', 'Notfallsanitäter', 'Notfallsanitäterin', 'Rettungsassistent'],
  '3251': ['Zahnmedizinische Fachangestellte', 'Zahnarzthelfer', 'Zahnarzthelferin', 'ZFA'],
  // t16-vocab: the veterinary practice assistant (TFA, formerly Tierarzthelfer) is no doctor's assistant
  '3240': ['Tiermedizinische Fachangestellte', 'Tierarzthelfer', 'Tierarzthelferin', 'TFA'],
  '2341': ['Grundschullehrer', 'Grundschullehrerin', 'Lehrkraft Grundschule'],
  // t14-vocab: a (state-recognised) Erzieher is an early years educator (2342), the Kinderpfleger a child care worker
  '2342': ['Erzieher', 'Erzieherin', 'Kindheitspädagoge', 'Kindheitspädagogin', 'Frühpädagoge', 'Frühpädagogin', 'Kindergärtner', 'Kindergärtnerin'],
  '5311': ['Kinderbetreuer', 'Kinderbetreuerin', 'Kinderpfleger', 'Kinderpflegerin', 'Tagesmutter'],
  // transport and logistics
  '8332': ['LKW-Fahrer', 'LKW-Fahrerin', 'Lkw-Fahrer', 'Berufskraftfahrer', 'Berufskraftfahrerin', 'Kraftfahrer', 'Kraftfahrerin', 'Fernfahrer', 'Fernfahrerin', 'Sattelzugfahrer', 'Lastwagenfahrer', 'Fahrer Güterverkehr', 'Kipperfahrer', 'Tankwagenfahrer', 'Fahrer CE'],
  '8331': ['Busfahrer', 'Busfahrerin', 'Omnibusfahrer', 'Linienbusfahrer', 'Reisebusfahrer', 'Berufskraftfahrer Personenverkehr'],
  '8322': ['Auslieferungsfahrer', 'Kurierfahrer', 'Paketzusteller', 'Taxifahrer', 'Fahrer Klasse B'],
  '8343': ['Kranführer', 'Kranführerin', 'Kranfahrer', 'Turmdrehkranführer', 'Mobilkranführer', 'Kranbediener'],
  '9611': ['Müllwerker', 'Müllwerkerin', 'Müllmann', 'Entsorgungsfachkraft', 'Mitarbeiter Müllabfuhr'],
  '8344': ['Staplerfahrer', 'Staplerfahrerin', 'Gabelstaplerfahrer', 'Flurförderzeugführer'],
  '4321': ['Lagerist', 'Lageristin', 'Fachkraft für Lagerlogistik', 'Lagerverwalter'],
  '9333': ['Lagerhelfer', 'Lagerhelferin', 'Lagerarbeiter', 'Kommissionierer', 'Kommissioniererin', 'Packer', 'Verlader', 'Lagermitarbeiter', 'Mitarbeiter Lager', 'Mitarbeiter Logistik'],
  // trades
  '7212': ['Schweißer', 'Schweißerin', 'Schweisser', 'MAG-Schweißer', 'WIG-Schweißer', 'Metallschweißer', 'Rohrschweißer', 'Schweißfachkraft'],
  '7214': ['Schlosser', 'Metallbauer', 'Metallbauerin', 'Stahlbauer', 'Konstruktionsmechaniker'],
  '7223': ['Zerspanungsmechaniker', 'CNC-Fräser', 'CNC-Dreher', 'Dreher', 'Fräser', 'Maschinenbediener'],
  '7233': ['Industriemechaniker', 'Industriemechanikerin', 'Mechatroniker', 'Mechatronikerin', 'Instandhaltungsmechaniker', 'Instandhalter', 'Instandhalterin', 'Betriebsschlosser', 'Wartungstechniker'],
  '7231': ['Kfz-Mechatroniker', 'Kfz-Mechaniker', 'Automechaniker', 'Kraftfahrzeugmechatroniker'],
  '7411': ['Elektriker', 'Elektrikerin', 'Elektroniker', 'Elektronikerin', 'Elektroniker für Energie- und Gebäudetechnik', 'Elektroinstallateur', 'Elektroinstallateurin', 'Elektrofachkraft', 'Elektromonteur', 'Gebäudeelektriker'],
  '7412': ['Elektroniker für Betriebstechnik', 'Industrieelektriker', 'Betriebselektriker', 'Elektromaschinenbauer'],
  '7126': ['Anlagenmechaniker', 'Anlagenmechanikerin', 'Sanitärinstallateur', 'Heizungsinstallateur', 'Heizungsbauer', 'Klempner', 'Rohrleitungsbauer'],
  '7127': ['Kälteanlagenbauer', 'Mechatroniker für Kältetechnik', 'Klimatechniker'],
  '7112': ['Maurer', 'Maurerin', 'Maurergeselle', 'Hochbaufacharbeiter', 'Mauerer'],
  '7114': ['Betonbauer', 'Betonbauerin', 'Stahlbetonbauer', 'Schaler', 'Eisenflechter'],
  '7115': ['Zimmerer', 'Zimmermann', 'Zimmerin', 'Tischler', 'Tischlerin', 'Schreiner', 'Schreinerin'],
  '7121': ['Dachdecker', 'Dachdeckerin'],
  '7122': ['Fliesenleger', 'Fliesenlegerin', 'Bodenleger', 'Parkettleger'],
  '7123': ['Stuckateur', 'Trockenbauer', 'Verputzer'],
  '7125': ['Glaser', 'Glaserin', 'Fensterbauer', 'Glasmonteur'],
  '7213': ['Spengler', 'Blechner', 'Karosseriebauer', 'Karosseriebauerin', 'Blechschlosser'],
  '3123': ['Bauleiter', 'Bauleiterin', 'Polier', 'Vorarbeiter Bau', 'Baustellenleiter'],
  '7131': ['Maler', 'Malerin', 'Maler und Lackierer', 'Lackierer'],
  '9313': ['Bauhelfer', 'Bauhelferin', 'Bauarbeiter', 'Hilfsarbeiter Bau'],
  '8342': ['Baumaschinenführer', 'Baggerfahrer', 'Radladerfahrer'],
  // hospitality and cleaning
  '5120': ['Koch', 'Köchin', 'Jungkoch', 'Jungköchin', 'Beikoch', 'Beiköchin', 'Commis de Cuisine', 'Chef de Partie', 'Postenkoch', 'Alleinkoch', 'Frühstückskoch', 'Restaurantkoch', 'Kantinenkoch'],
  '3434': ['Küchenchef', 'Küchenchefin', 'Küchenleiter', 'Souschef', 'Sous Chef'],
  '9412': ['Küchenhilfe', 'Küchenhelfer', 'Küchenhelferin', 'Spüler', 'Spülkraft', 'Abwäscher', 'Küchenmitarbeiter', 'Mitarbeiter Küche'],
  '5131': ['Kellner', 'Kellnerin', 'Servicekraft', 'Servicemitarbeiter', 'Restaurantfachmann', 'Restaurantfachfrau'],
  '5151': ['Hausdame', 'Housekeeping Supervisor', 'Etagenleitung'],
  '9112': ['Zimmermädchen', 'Zimmerfrau', 'Roomboy', 'Raumpfleger', 'Raumpflegerin', 'Reinigungskraft', 'Hotelreinigungskraft', 'Reinigungsfachkraft', 'Gebäudereiniger', 'Gebäudereinigerin'],
  '9111': ['Haushaltshilfe', 'Putzhilfe'],
  '9122': ['Fahrzeugpfleger', 'Fahrzeugpflegerin', 'Fahrzeugaufbereiter', 'Autoaufbereiter', 'Autowäscher'],
  '8157': ['Wäschereimitarbeiter', 'Wäschereimitarbeiterin', 'Mitarbeiter Wäscherei', 'Wäschereihelfer', 'Wäschereihelferin', 'Wäscher', 'Wäscherin', 'Textilreiniger', 'Textilreinigerin'],
  '5153': ['Hausmeister', 'Hausmeisterin', 'Haustechniker', 'Objektbetreuer'],
  '4224': ['Rezeptionist', 'Rezeptionistin', 'Empfangsmitarbeiter', 'Empfangsmitarbeiterin', 'Empfangskraft', 'Nachtportier', 'Front Office Mitarbeiter'],
  '1412': ['Restaurantleiter', 'Restaurantleiterin', 'Gastronomieleiter', 'Betriebsleiter Gastronomie'],
  '5132': ['Barkeeper', 'Barkeeperin', 'Barmann', 'Barista', 'Barfrau'],
  '7512': ['Bäcker', 'Bäckerin', 'Konditor', 'Konditorin'],
  '7511': ['Fleischer', 'Fleischerin', 'Metzger', 'Metzgerin', 'Fleischzerleger'],
  // textiles
  '7531': ['Schneider', 'Schneiderin', 'Maßschneider', 'Maßschneiderin', 'Änderungsschneider', 'Änderungsschneiderin', 'Damenschneiderin'],
  '8153': ['Näher', 'Näherin', 'Industrienäher', 'Industrienäherin', 'Nähmaschinenbediener', 'Nähmaschinenbedienerin', 'Maschinennäherin'],
  // security
  '5414': ['Sicherheitsmitarbeiter', 'Sicherheitsmitarbeiterin', 'Sicherheitskraft', 'Wachmann', 'Wachfrau', 'Security-Mitarbeiter', 'Objektschützer', 'Werkschutz', 'Fachkraft für Schutz und Sicherheit', 'Pförtner'],
  // agriculture
  '9211': FARM_LABOURERS,
  '9213': FARM_LABOURERS,
  '9214': ['Gärtnereihelfer', 'Gärtnereihelferin', 'Gewächshausarbeiter', 'Gewächshausmitarbeiter', 'Helfer Gartenbau', 'Gartenhelfer'],
  '6111': ['Landwirt', 'Landwirtin', 'Gemüsebauer', 'Gemüsegärtner'],
  '6113': ['Gärtner', 'Gärtnerin', 'Zierpflanzengärtner', 'Landschaftsgärtner'],
  '6121': ['Tierwirt', 'Tierwirtin', 'Milchviehhalter', 'Milchviehhalterin', 'Rinderhalter', 'Rinderhalterin', 'Landwirt Milchviehhaltung', 'Landwirt Tierhaltung'],
  // t8-trades: a Melker or stable hand is an employed livestock worker (9212), not the farmer (6121)
  '9212': ['Melker', 'Melkerin', 'Stallarbeiter', 'Stallarbeiterin', 'Stallhelfer', 'Stallhelferin', 'Helfer Tierhaltung'],
  // ICT and office
  '2512': ['Softwareentwickler', 'Softwareentwicklerin', 'Software-Entwickler', 'Softwareingenieur', 'Backend-Entwickler', 'Frontend-Entwickler', 'Fullstack-Entwickler', 'Full-Stack-Entwickler', 'Java-Entwickler', 'Anwendungsentwickler', 'Fachinformatiker Anwendungsentwicklung'],
  '2513': ['Webentwickler', 'Webentwicklerin', 'Web-Entwickler'],
  '2514': ['Programmierer', 'Programmiererin', 'Anwendungsprogrammierer'],
  '2522': ['Systemadministrator', 'Systemadministratorin', 'Fachinformatiker Systemintegration', 'IT-Administrator'],
  '3512': ['IT-Support', 'IT-Supporter', 'Helpdesk-Mitarbeiter'],
  // t17-titles: a Buchhalter keeps the books (bookkeeper, ISCO 3313); the Bilanzbuchhalter draws up the accounts
  '2411': ['Bilanzbuchhalter', 'Bilanzbuchhalterin'],
  '3313': ['Buchhalter', 'Buchhalterin', 'Finanzbuchhalter', 'Finanzbuchhalterin', 'Kreditorenbuchhalter', 'Debitorenbuchhalter'],
  // t14-vocab: the tax clerk of a tax adviser's office (Steuerfachangestellte) is a tax clerk, not an accountant
  '4312': ['Steuerfachangestellter', 'Steuerfachangestellte'],
  '4311': ['Buchhaltungskraft', 'Lohnbuchhalter'],
  // t8-trades: scaffolding, pharmacy counter, beauty, security by licence
  '7119': ['Gerüstbauer', 'Gerüstbauerin', 'Gerüstbauhelfer'],
  '3213': ['PTA', 'Pharmazeutisch-technischer Assistent', 'Pharmazeutisch-technische Assistentin', 'PKA', 'Apothekenhelfer', 'Apothekenhelferin'],
  '5142': ['Kosmetiker', 'Kosmetikerin', 'Nageldesigner', 'Nageldesignerin', 'Nagelstylistin', 'Fußpfleger', 'Fußpflegerin'],
  '5141': ['Friseur', 'Friseurin', 'Frisör', 'Frisörin', 'Friseurmeister'],
  '5230': ['Kassierer', 'Kassiererin', 'Kassenkraft', 'Kassenmitarbeiter'],
  '4110': ['Bürokaufmann', 'Bürokauffrau', 'Kaufmann für Büromanagement', 'Kauffrau für Büromanagement', 'Bürokraft', 'Büroassistent', 'Büroassistentin', 'Sachbearbeiter', 'Sachbearbeiterin'],
  '9321': ['Verpacker', 'Verpackerin', 'Abpacker', 'Verpackungshelfer', 'Verpackungshelferin'],
  '5223': ['Verkäufer', 'Verkäuferin', 'Einzelhandelskaufmann', 'Einzelhandelskauffrau'],
  '9334': ['Regalauffüller', 'Warenverräumer'],
  // t13-vocab: personnel, field sales and executive assistants, as German ads name them
  '4416': ['Personalsachbearbeiter', 'Personalsachbearbeiterin', 'Personalassistent', 'Personalassistentin'],
  '2423': ['Personalreferent', 'Personalreferentin', 'Personalberater', 'Personalberaterin'],
  '3322': ['Außendienstmitarbeiter', 'Außendienstmitarbeiterin', 'Vertriebsmitarbeiter', 'Vertriebsmitarbeiterin', 'Handelsvertreter', 'Handelsvertreterin'],
  '3343': ['Chefsekretär', 'Chefsekretärin', 'Vorstandsassistent', 'Vorstandsassistentin'],
  '9329': ['Produktionshelfer', 'Produktionshelferin', 'Helfer Produktion', 'Fertigungshelfer', 'Produktionsmitarbeiter', 'Mitarbeiter Produktion', 'Produktionsarbeiter'],
};
