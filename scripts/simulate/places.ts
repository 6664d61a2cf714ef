/**
 * Where the demo area's people live and where they go, mapped to the demo stops
 * (db/seed/eifel-demo-data.ts).
 *
 * Populations are APPROXIMATE: residents per Ortsgemeinde (or Stadt) rounded to the nearest 50,
 * after the municipality figures of the Statistisches Landesamt Rheinland-Pfalz (around 2022), as
 * known to the author, not checked against the current release. They only weight where trips begin;
 * a few hundred either way changes nothing a county decides on.
 *
 * The towns (Bitburg, Prüm) count at a quarter: their residents walk or have town buses, and only
 * the trips that leave town come to the Taxibus.
 */
export const VILLAGE_POPULATION: Readonly<Record<string, number>> = {
  Bitburg: 16_000, Rittersdorf: 1_100, Bickendorf: 850, Nattenheim: 550, Fließem: 850, Badem: 800,
  Dudeldorf: 1_150, Gondorf: 400, Kyllburg: 950, Malberg: 300, Malbergweich: 300, Seffern: 450,
  Sefferweich: 200, Wißmannsdorf: 650, Brecht: 300, 'Biersdorf am See': 300, Wiersdorf: 250,
  Oberweis: 1_000, Bettingen: 1_300, Messerich: 550, Röhl: 600, Sülm: 450, Idenheim: 650,
  Idesheim: 850, Meckel: 650, Wolsfeld: 600, Speicher: 3_500, Herforst: 1_800, Preist: 650,
  Orenhofen: 800, Philippsheim: 350, Irrel: 1_500, Holsthum: 400, Ferschweiler: 650, Ernzen: 550,
  Echternacherbrück: 700, Bollendorf: 1_600, Wallendorf: 300, Körperich: 700, Mettendorf: 1_200,
  Neuerburg: 1_600, Arzfeld: 1_300, Daleiden: 850, Dasburg: 200, Waxweiler: 1_000, Lünebach: 500,
  Prüm: 5_500, Niederprüm: 1_000, Rommersheim: 600, Schönecken: 1_000, Pronsfeld: 1_000,
  Bleialf: 1_000, Winterspelt: 950, Gondenbrett: 400, Olzheim: 450,
};

export const TOWN_WEIGHT: Readonly<Record<string, number>> = { Bitburg: 0.25, Prüm: 0.25 };

/** The stop a village's residents board at (towns: their bus station). */
export const HOME_STOP: Readonly<Record<string, string>> = { Bitburg: 'BIT-ZOB', Prüm: 'PRM-ZOB' };

export type Purpose = 'hospital' | 'doctor' | 'shopping' | 'school' | 'station' | 'office';

/**
 * The places people go, by purpose. The Eifelstrecke station at Erdorf has no demo stop: rail trips
 * go to Kyllburg station (the next one up the line) or to Bitburg's bus station (buses to Trier and
 * Luxembourg). The offices are the Verbandsgemeinde seats (Bitburg, Speicher, Neuerburg for the
 * Südeifel, Arzfeld, Prüm).
 */
export const ATTRACTORS: Readonly<Record<Purpose, readonly string[]>> = {
  hospital: ['BIT-KH', 'PRM-KH'],
  doctor: ['BIT-MKT', 'PRM-ZOB', 'SPE-MKT', 'NEU-MKT', 'ARZ-KI', 'IRR-KI', 'KYL-BHF'],
  shopping: ['BIT-FLP', 'BIT-MKT', 'PRM-ZOB', 'SPE-MKT', 'NEU-MKT', 'WAX-KI'],
  school: ['BIT-ZOB', 'PRM-ZOB', 'SPE-MKT', 'NEU-MKT', 'ARZ-KI'],
  station: ['KYL-BHF', 'BIT-ZOB'],
  office: ['BIT-MKT', 'SPE-MKT', 'NEU-MKT', 'ARZ-KI', 'PRM-ZOB'],
};

/** Share of outward trips by purpose, and how long people stay there (minutes, from–to). */
export const PURPOSES: ReadonlyArray<{ purpose: Purpose; share: number; stayMin: [number, number]; arriveByShare: number }> = [
  { purpose: 'doctor', share: 0.3, stayMin: [45, 120], arriveByShare: 0.6 },
  { purpose: 'shopping', share: 0.25, stayMin: [60, 150], arriveByShare: 0.1 },
  { purpose: 'hospital', share: 0.12, stayMin: [90, 240], arriveByShare: 0.6 },
  { purpose: 'school', share: 0.1, stayMin: [300, 420], arriveByShare: 0.8 },
  { purpose: 'station', share: 0.13, stayMin: [480, 600], arriveByShare: 0.7 },
  { purpose: 'office', share: 0.1, stayMin: [45, 90], arriveByShare: 0.4 },
];

/**
 * Outward trips by local hour of the day (05–20), relative: a morning peak into the towns, a
 * smaller midday one, little in the evening. The returns follow from the stays.
 */
export const OUTWARD_BY_HOUR: Readonly<Record<number, number>> = {
  5: 1, 6: 4, 7: 9, 8: 10, 9: 8, 10: 6, 11: 5, 12: 4, 13: 4, 14: 4, 15: 3, 16: 3, 17: 2, 18: 2, 19: 1, 20: 1,
};

/** Villages with a step-free stop: where wheelchair users' trips begin (elsewhere the service refuses them). */
export const ACCESSIBLE_HOMES: readonly string[] = ['Bitburg', 'Kyllburg', 'Speicher', 'Irrel', 'Echternacherbrück', 'Neuerburg', 'Arzfeld', 'Waxweiler', 'Prüm'];
