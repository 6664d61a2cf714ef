import type { ParsedStop } from '../../src/domain/gtfs/parse-stops';

/**
 * The Eifel demo as plain data: one service area over the Eifelkreis Bitburg-Prüm, its virtual stops,
 * six minibuses and the people who use them. No database code here; the seeder maps these onto rows.
 *
 * Coordinates are hand-placed at village centres from general knowledge of the area, not surveyed:
 * expect up to ~1 km of error in the small villages. Every village listed is an Ortsgemeinde (or
 * Ortsteil) of the Eifelkreis; places in the neighbouring Trier-Saarburg and Vulkaneifel districts are
 * deliberately left out. Names, phone numbers and people are invented.
 */

/** `HH:MM`, 24-hour local time of the area's time zone. */
export type ClockTime = string;

/** ISO weekday as the object key (`'1'` = Monday … `'7'` = Sunday), as stored in the database. */
export type IsoWeekdayKey = '1' | '2' | '3' | '4' | '5' | '6' | '7';

export interface TimeSpan {
  from: ClockTime;
  to: ClockTime;
}

/** A GeoJSON Polygon with [lon, lat] positions; the outer ring first, closed and counter-clockwise. */
export interface LonLatPolygon {
  type: 'Polygon';
  coordinates: [lon: number, lat: number][][];
}

export interface DemoServiceArea {
  name: string;
  timeZone: string;
  hotline: string;
  infoUrl: string;
  polygon: LonLatPolygon;
  operatingHours: Record<IsoWeekdayKey, TimeSpan[]>;
  rules: {
    minLeadMin: number;
    maxHorizonDays: number;
    cancellationCutoffMin: number;
    pickupWindowMin: number;
    maxRideAlpha: number;
    maxRideBetaMin: number;
    maxActiveBookingsPerRider: number;
  };
}

/**
 * The shape of a stop imported from a GTFS feed, so that the seeder and the importer hand the same
 * records to whatever writes stops. `code` is a stable short id here, e.g. `BIT-ZOB`.
 */
export type DemoStop = ParsedStop;

export interface DemoVehicle {
  label: string;
  seats: number;
  wheelchairPlaces: number;
  depotStopCode: string;
}

export type DemoUserRole = 'rider' | 'driver' | 'dispatcher' | 'admin';

export interface DemoUser {
  role: DemoUserRole;
  name: string;
  phone: string;
}

const weekday: TimeSpan[] = [{ from: '05:30', to: '23:00' }];

export const demoServiceArea: DemoServiceArea = {
  name: 'Eifelkreis Bitburg-Prüm (Demo)',
  timeZone: 'Europe/Berlin',
  hotline: '+49 6561 15-0',
  infoUrl: 'https://www.bitburg-pruem.de',
  polygon: {
    type: 'Polygon',
    // Drawn anticlockwise from the Sauer at Echternacherbrück. The south edge stays north of the
    // Trier-Saarburg villages on the Sauer and Kyll, the north-east edge passes west of Gerolstein,
    // and the west side follows the Our (Luxembourg) and the Belgian border at a few kilometres.
    coordinates: [
      [
        [6.42, 49.8],
        [6.52, 49.82],
        [6.6, 49.86],
        [6.68, 49.88],
        [6.74, 49.92],
        [6.73, 49.99],
        [6.7, 50.06],
        [6.62, 50.14],
        [6.58, 50.23],
        [6.5, 50.32],
        [6.4, 50.32],
        [6.3, 50.27],
        [6.2, 50.25],
        [6.13, 50.14],
        [6.11, 50.05],
        [6.2, 49.93],
        [6.25, 49.86],
        [6.34, 49.83],
        [6.42, 49.8],
      ],
    ],
  },
  operatingHours: {
    '1': weekday,
    '2': weekday,
    '3': weekday,
    '4': weekday,
    '5': weekday,
    '6': [{ from: '07:00', to: '23:00' }],
    '7': [{ from: '08:00', to: '22:00' }],
  },
  rules: {
    minLeadMin: 30,
    maxHorizonDays: 14,
    cancellationCutoffMin: 60,
    pickupWindowMin: 15,
    maxRideAlpha: 1.5,
    maxRideBetaMin: 10,
    maxActiveBookingsPerRider: 10,
  },
};

function stop(code: string, village: string, place: string, lat: number, lon: number, wheelchairAccessible = false): DemoStop {
  return { code, name: `${village}, ${place}`, village, lat, lon, wheelchairAccessible };
}

export const demoStops: readonly DemoStop[] = [
  // Stadt Bitburg
  stop('BIT-ZOB', 'Bitburg', 'Bahnhof/ZOB', 49.972, 6.529, true),
  stop('BIT-MKT', 'Bitburg', 'Marktplatz', 49.9675, 6.527, true),
  stop('BIT-KH', 'Bitburg', 'Krankenhaus', 49.9635, 6.5195, true),
  stop('BIT-FLP', 'Bitburg', 'Gewerbegebiet Flugplatz', 49.946, 6.562, true),
  // VG Bitburger Land
  stop('RIT-KI', 'Rittersdorf', 'Kirche', 49.996, 6.501),
  stop('BIC-KI', 'Bickendorf', 'Kirche', 50.036, 6.52),
  stop('NAT-KI', 'Nattenheim', 'Kirche', 50.03, 6.482),
  stop('FLI-VIL', 'Fließem', 'Villa Otrang', 50.027, 6.563),
  stop('BAD-KI', 'Badem', 'Kirche', 50.0, 6.619),
  stop('DUD-KI', 'Dudeldorf', 'Ortsmitte', 49.977, 6.637),
  stop('GON-KI', 'Gondorf', 'Kirche', 49.978, 6.598),
  stop('KYL-BHF', 'Kyllburg', 'Bahnhof', 50.039, 6.595, true),
  stop('MAL-SCH', 'Malberg', 'Schloss', 50.052, 6.581),
  stop('MBW-KI', 'Malbergweich', 'Kirche', 50.043, 6.549),
  stop('SEF-KI', 'Seffern', 'Kirche', 50.066, 6.49),
  stop('SFW-KI', 'Sefferweich', 'Kirche', 50.054, 6.468),
  stop('WIS-KI', 'Wißmannsdorf', 'Kirche', 49.967, 6.448),
  stop('BRE-KI', 'Brecht', 'Kirche', 49.988, 6.466),
  stop('BIE-SEE', 'Biersdorf am See', 'Stausee', 50.003, 6.428),
  stop('WIE-KI', 'Wiersdorf', 'Kirche', 49.995, 6.447),
  stop('OBW-KI', 'Oberweis', 'Kirche', 49.958, 6.426),
  stop('BET-KI', 'Bettingen', 'Kirche', 49.949, 6.405),
  stop('MES-KI', 'Messerich', 'Kirche', 49.929, 6.496),
  stop('ROE-KI', 'Röhl', 'Kirche', 49.915, 6.514),
  stop('SUE-KI', 'Sülm', 'Kirche', 49.906, 6.578),
  stop('IDH-KI', 'Idenheim', 'Kirche', 49.888, 6.603),
  stop('IDS-KI', 'Idesheim', 'Kirche', 49.874, 6.562),
  stop('MEC-KI', 'Meckel', 'Kirche', 49.874, 6.49),
  stop('WOL-KI', 'Wolsfeld', 'Kirche', 49.898, 6.417),
  // VG Speicher
  stop('SPE-MKT', 'Speicher', 'Marktplatz', 49.934, 6.641, true),
  stop('HER-KI', 'Herforst', 'Kirche', 49.949, 6.697),
  stop('PRE-KI', 'Preist', 'Kirche', 49.918, 6.667),
  stop('ORE-KI', 'Orenhofen', 'Kirche', 49.905, 6.651),
  stop('PHI-KI', 'Philippsheim', 'Kirche', 49.957, 6.624),
  // VG Südeifel
  stop('IRR-KI', 'Irrel', 'Kirche', 49.845, 6.459, true),
  stop('HOL-KI', 'Holsthum', 'Kirche', 49.889, 6.432),
  stop('FER-KI', 'Ferschweiler', 'Kirche', 49.86, 6.398),
  stop('ERN-KI', 'Ernzen', 'Kirche', 49.832, 6.443),
  stop('EXB-BR', 'Echternacherbrück', 'Sauerbrücke', 49.814, 6.429, true),
  stop('BOL-KI', 'Bollendorf', 'Kirche', 49.852, 6.36),
  stop('WAL-KI', 'Wallendorf', 'Kirche', 49.872, 6.289),
  stop('KOE-KI', 'Körperich', 'Kirche', 49.922, 6.258),
  stop('MET-KI', 'Mettendorf', 'Kirche', 49.946, 6.33),
  stop('NEU-MKT', 'Neuerburg', 'Marktplatz', 50.012, 6.298, true),
  // VG Arzfeld
  stop('ARZ-KI', 'Arzfeld', 'Kirche', 50.09, 6.27, true),
  stop('DAL-KI', 'Daleiden', 'Kirche', 50.084, 6.18),
  stop('DAS-BR', 'Dasburg', 'Ourbrücke', 50.049, 6.135),
  stop('WAX-KI', 'Waxweiler', 'Kirche', 50.093, 6.362, true),
  stop('LUE-KI', 'Lünebach', 'Kirche', 50.113, 6.34),
  // VG Prüm
  stop('PRM-ZOB', 'Prüm', 'Busbahnhof', 50.2065, 6.422, true),
  stop('PRM-KH', 'Prüm', 'Krankenhaus St. Joseph', 50.211, 6.417, true),
  stop('NPR-KI', 'Niederprüm', 'Kirche', 50.2, 6.432),
  stop('ROM-KI', 'Rommersheim', 'Kirche', 50.187, 6.465),
  stop('SCH-KI', 'Schönecken', 'Kirche', 50.159, 6.469),
  stop('PRO-KI', 'Pronsfeld', 'Kirche', 50.163, 6.336),
  stop('BLE-KI', 'Bleialf', 'Kirche', 50.233, 6.287),
  stop('WSP-KI', 'Winterspelt', 'Kirche', 50.22, 6.222),
  stop('GBR-KI', 'Gondenbrett', 'Kirche', 50.224, 6.45),
  stop('OLZ-KI', 'Olzheim', 'Kirche', 50.269, 6.455),
];

export const demoVehicles: readonly DemoVehicle[] = [
  { label: 'Taxibus 1', seats: 8, wheelchairPlaces: 1, depotStopCode: 'BIT-ZOB' },
  { label: 'Taxibus 2', seats: 8, wheelchairPlaces: 1, depotStopCode: 'BIT-ZOB' },
  { label: 'Taxibus 3', seats: 8, wheelchairPlaces: 1, depotStopCode: 'BIT-FLP' },
  { label: 'Taxibus 4', seats: 8, wheelchairPlaces: 1, depotStopCode: 'PRM-ZOB' },
  { label: 'Taxibus 5', seats: 8, wheelchairPlaces: 1, depotStopCode: 'PRM-ZOB' },
  { label: 'Taxibus 6', seats: 8, wheelchairPlaces: 1, depotStopCode: 'IRR-KI' },
];

/** Every bus works this span every day, in the area's local time. */
export const demoShift: TimeSpan = { from: '05:30', to: '23:00' };

export const demoUsers: readonly DemoUser[] = [
  { role: 'admin', name: 'Monika Schmitz', phone: '+49 6561 900100' },
  { role: 'dispatcher', name: 'Thomas Weber', phone: '+49 6561 900110' },
  { role: 'dispatcher', name: 'Andrea Hoffmann', phone: '+49 6551 900120' },
  // Drivers in the order of demoVehicles: driver n drives Taxibus n.
  { role: 'driver', name: 'Markus Schneider', phone: '+49 160 9001001' },
  { role: 'driver', name: 'Stefan Theis', phone: '+49 160 9001002' },
  { role: 'driver', name: 'Sabine Kläs', phone: '+49 160 9001003' },
  { role: 'driver', name: 'Jürgen Mayer', phone: '+49 160 9001004' },
  { role: 'driver', name: 'Petra Kohnen', phone: '+49 160 9001005' },
  { role: 'driver', name: 'Michael Hansen', phone: '+49 160 9001006' },
  { role: 'rider', name: 'Gertrud Hermes', phone: '+49 6561 900201' },
  { role: 'rider', name: 'Hans Lames', phone: '+49 6551 900202' },
  { role: 'rider', name: 'Maria Steffes', phone: '+49 6525 900203' },
  { role: 'rider', name: 'Elisabeth Thielen', phone: '+49 6562 900204' },
  { role: 'rider', name: 'Lukas Billen', phone: '+49 6564 900205' },
];
