/** Where the #AlitaArmy demo lives: real cities, zones, cinemas and coordinates. */

/** First and last names a fan from a region is drawn from (ASCII after accents are removed). */
export interface NamePool {
  first: readonly string[];
  last: readonly string[];
}

const NAMES = {
  northAmerica: {
    first: [
      'Jordan',
      'Taylor',
      'Morgan',
      'Casey',
      'Riley',
      'Avery',
      'Jamie',
      'Alex',
      'Quinn',
      'Dakota',
      'Skyler',
      'Rowan',
    ],
    last: [
      'Miller',
      'Johnson',
      'Garcia',
      'Nguyen',
      'Brooks',
      'Carter',
      'Kim',
      'Reyes',
      'Bennett',
      'Foster',
      'Hughes',
      'Sullivan',
    ],
  },
  spanish: {
    first: ['Sofía', 'Mateo', 'Valentina', 'Diego', 'Camila', 'Santiago', 'Lucía', 'Ximena'],
    last: ['Hernández', 'López', 'Martínez', 'Ramírez', 'Torres', 'Flores', 'Vargas', 'Ortega'],
  },
  brazil: {
    first: ['João', 'Ana', 'Gabriel', 'Beatriz', 'Lucas', 'Larissa', 'Rafael', 'Juliana'],
    last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Costa', 'Pereira', 'Almeida', 'Rocha'],
  },
  britain: {
    first: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Freya', 'Jack', 'Poppy'],
    last: ['Smith', 'Taylor', 'Wright', 'Walker', 'Evans', 'Clarke', 'Turner', 'Khan'],
  },
  france: {
    first: ['Camille', 'Lucas', 'Manon', 'Hugo', 'Chloé', 'Théo', 'Léa', 'Inès'],
    last: ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Lefèvre', 'Girard', 'Mercier'],
  },
  germany: {
    first: ['Lukas', 'Mia', 'Leon', 'Hannah', 'Finn', 'Lena', 'Jonas', 'Marie'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Wagner', 'Koch'],
  },
  nigeria: {
    first: ['Chinedu', 'Amaka', 'Tunde', 'Ngozi', 'Emeka', 'Funmi', 'Ifeanyi', 'Zainab'],
    last: ['Okafor', 'Adeyemi', 'Okonkwo', 'Balogun', 'Eze', 'Nwosu', 'Adebayo', 'Danjuma'],
  },
  india: {
    first: ['Aarav', 'Priya', 'Rohan', 'Ananya', 'Arjun', 'Diya', 'Vikram', 'Meera'],
    last: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Desai', 'Menon'],
  },
  japan: {
    first: ['Haruto', 'Yui', 'Sota', 'Hina', 'Ren', 'Aoi', 'Yuto', 'Sakura'],
    last: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Ito', 'Yamamoto', 'Nakamura', 'Kato'],
  },
  oceania: {
    first: ['Lachlan', 'Charlotte', 'Nikau', 'Olivia', 'Cooper', 'Aroha', 'Tane', 'Matilda'],
    last: ['Wilson', 'Thompson', 'Ngata', 'Anderson', 'Parata', 'Campbell', 'Stewart', 'Tait'],
  },
  italy: {
    first: ['Giulia', 'Marco', 'Chiara', 'Luca', 'Francesca', 'Matteo'],
    last: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano'],
  },
  nordicPolish: {
    first: ['Elsa', 'Oskar', 'Maja', 'Axel', 'Zofia', 'Jakub'],
    last: ['Lindqvist', 'Andersson', 'Berg', 'Nowak', 'Mazur', 'Krawczyk'],
  },
  eastSouthernAfrica: {
    first: ['Wanjiru', 'Kamau', 'Achieng', 'Otieno', 'Thandiwe', 'Sipho', 'Lerato'],
    last: ['Mwangi', 'Odhiambo', 'Kariuki', 'Dlamini', 'Nkosi', 'Mokoena'],
  },
  korea: {
    first: ['Min-jun', 'Seo-yeon', 'Ji-ho', 'Ha-eun'],
    last: ['Kim', 'Lee', 'Park', 'Choi'],
  },
  southeastAsia: {
    first: ['Miguel', 'Andrea', 'Paolo', 'Bea', 'Wei Ling', 'Jun Jie'],
    last: ['Santos', 'Reyes', 'Tan', 'Lim', 'Cruz', 'Ong'],
  },
  nepal: { first: ['Aarati', 'Bikash'], last: ['Shrestha', 'Gurung'] },
} satisfies Record<string, NamePool>;

/** A city demo fans live in: `fans` members have its zone. */
export interface HomeCity {
  city: string;
  timezone: string;
  fans: number;
  names: NamePool;
}

/** A city with an anniversary screening: its cinema, local start and who RSVPs. */
export interface ScreeningCity extends HomeCity {
  country: string;
  venue: string;
  address: string;
  latitude: number;
  longitude: number;
  /** Local wall-clock start, HH:mm, in the city's zone. */
  localStart: string;
  capacity: number;
  /** The first `rsvps` fans of the city RSVP, in order; past capacity they are waitlisted. */
  rsvps: number;
  /** Places (0-based) in the city's RSVP order of fans who cancelled since. */
  cancelled?: readonly number[];
}

export const SCREENING_CITIES: readonly ScreeningCity[] = [
  {
    city: 'Los Angeles',
    country: 'US',
    timezone: 'America/Los_Angeles',
    venue: 'Vista Theatre',
    address: '4473 Sunset Dr, Los Angeles, CA 90027',
    latitude: 34.0977,
    longitude: -118.2873,
    localStart: '19:30',
    capacity: 40,
    fans: 58,
    rsvps: 52,
    names: NAMES.northAmerica,
  },
  {
    city: 'New York',
    country: 'US',
    timezone: 'America/New_York',
    venue: 'AMC Lincoln Square 13',
    address: '1998 Broadway, New York, NY 10023',
    latitude: 40.7753,
    longitude: -73.9818,
    localStart: '19:00',
    capacity: 120,
    fans: 26,
    rsvps: 24,
    cancelled: [3, 10],
    names: NAMES.northAmerica,
  },
  {
    city: 'Mexico City',
    country: 'MX',
    timezone: 'America/Mexico_City',
    venue: 'Cineteca Nacional',
    address: 'Av. México Coyoacán 389, Xoco, Benito Juárez, 03330 Ciudad de México',
    latitude: 19.3597,
    longitude: -99.1645,
    localStart: '20:00',
    capacity: 80,
    fans: 20,
    rsvps: 18,
    names: NAMES.spanish,
  },
  {
    city: 'São Paulo',
    country: 'BR',
    timezone: 'America/Sao_Paulo',
    venue: 'Reserva Cultural',
    address: 'Av. Paulista 900, Bela Vista, São Paulo - SP, 01310-100',
    latitude: -23.5648,
    longitude: -46.6526,
    localStart: '20:00',
    capacity: 90,
    fans: 20,
    rsvps: 17,
    names: NAMES.brazil,
  },
  {
    city: 'London',
    country: 'GB',
    timezone: 'Europe/London',
    venue: 'BFI IMAX',
    address: '1 Charlie Chaplin Walk, London SE1 8XR',
    latitude: 51.5046,
    longitude: -0.1133,
    localStart: '19:30',
    capacity: 150,
    fans: 24,
    rsvps: 22,
    names: NAMES.britain,
  },
  {
    city: 'Paris',
    country: 'FR',
    timezone: 'Europe/Paris',
    venue: 'Le Grand Rex',
    address: '1 Boulevard Poissonnière, 75002 Paris',
    latitude: 48.8708,
    longitude: 2.3477,
    localStart: '20:00',
    capacity: 100,
    fans: 18,
    rsvps: 15,
    names: NAMES.france,
  },
  {
    city: 'Berlin',
    country: 'DE',
    timezone: 'Europe/Berlin',
    venue: 'Zoo Palast',
    address: 'Hardenbergstraße 29a, 10623 Berlin',
    latitude: 52.5055,
    longitude: 13.3346,
    localStart: '20:00',
    capacity: 60,
    fans: 16,
    rsvps: 13,
    names: NAMES.germany,
  },
  {
    city: 'Lagos',
    country: 'NG',
    timezone: 'Africa/Lagos',
    venue: 'Silverbird Galleria',
    address: '133 Ahmadu Bello Way, Victoria Island, Lagos',
    latitude: 6.4293,
    longitude: 3.415,
    localStart: '18:30',
    capacity: 60,
    fans: 14,
    rsvps: 12,
    names: NAMES.nigeria,
  },
  {
    city: 'Mumbai',
    country: 'IN',
    timezone: 'Asia/Kolkata',
    venue: 'Regal Cinema',
    address: 'Shahid Bhagat Singh Road, Colaba, Mumbai 400001',
    latitude: 18.9239,
    longitude: 72.8321,
    localStart: '19:00',
    capacity: 80,
    fans: 16,
    rsvps: 14,
    names: NAMES.india,
  },
  {
    city: 'Tokyo',
    country: 'JP',
    timezone: 'Asia/Tokyo',
    venue: 'TOHO Cinemas Shinjuku',
    address: '1-19-1 Kabukicho, Shinjuku City, Tokyo 160-0021',
    latitude: 35.6951,
    longitude: 139.702,
    localStart: '19:00',
    capacity: 50,
    fans: 20,
    rsvps: 18,
    names: NAMES.japan,
  },
  {
    city: 'Sydney',
    country: 'AU',
    timezone: 'Australia/Sydney',
    venue: 'Event Cinemas George Street',
    address: '505-525 George St, Sydney NSW 2000',
    latitude: -33.8746,
    longitude: 151.2067,
    localStart: '19:30',
    capacity: 60,
    fans: 14,
    rsvps: 12,
    names: NAMES.oceania,
  },
  {
    city: 'Auckland',
    country: 'NZ',
    timezone: 'Pacific/Auckland',
    venue: 'The Civic',
    address: '269 Queen Street, Auckland 1010',
    latitude: -36.8524,
    longitude: 174.7636,
    localStart: '19:30',
    capacity: 30,
    fans: 10,
    rsvps: 9,
    names: NAMES.oceania,
  },
];

/** Fans in cities without a screening: they join the online events. */
export const OTHER_HOME_CITIES: readonly HomeCity[] = [
  { city: 'Toronto', timezone: 'America/Toronto', fans: 5, names: NAMES.northAmerica },
  { city: 'Chicago', timezone: 'America/Chicago', fans: 5, names: NAMES.northAmerica },
  { city: 'Vancouver', timezone: 'America/Vancouver', fans: 3, names: NAMES.northAmerica },
  {
    city: 'Buenos Aires',
    timezone: 'America/Argentina/Buenos_Aires',
    fans: 4,
    names: NAMES.spanish,
  },
  { city: 'Bogotá', timezone: 'America/Bogota', fans: 3, names: NAMES.spanish },
  { city: 'Madrid', timezone: 'Europe/Madrid', fans: 4, names: NAMES.spanish },
  { city: 'Rome', timezone: 'Europe/Rome', fans: 3, names: NAMES.italy },
  { city: 'Stockholm', timezone: 'Europe/Stockholm', fans: 2, names: NAMES.nordicPolish },
  { city: 'Warsaw', timezone: 'Europe/Warsaw', fans: 2, names: NAMES.nordicPolish },
  { city: 'Nairobi', timezone: 'Africa/Nairobi', fans: 2, names: NAMES.eastSouthernAfrica },
  {
    city: 'Johannesburg',
    timezone: 'Africa/Johannesburg',
    fans: 2,
    names: NAMES.eastSouthernAfrica,
  },
  { city: 'Seoul', timezone: 'Asia/Seoul', fans: 3, names: NAMES.korea },
  { city: 'Manila', timezone: 'Asia/Manila', fans: 3, names: NAMES.southeastAsia },
  { city: 'Singapore', timezone: 'Asia/Singapore', fans: 2, names: NAMES.southeastAsia },
  { city: 'Kathmandu', timezone: 'Asia/Kathmandu', fans: 1, names: NAMES.nepal },
];
