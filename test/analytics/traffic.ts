/** The workshop's traffic messages (AMIS "sig-streaming-data-may-2018"): a fixed sample in the producer's shape. */

export interface TrafficMessage {
  color: string;
  licenseplate: string;
  manufacturer: string;
  model: string;
  latitude: string;
  longitude: number;
  roadNumber: string;
  speed: number;
  timestamp: string;
  country: string;
}

const CARS: [string, string][] = [
  ['BMW', '7 series'],
  ['Renault', 'Twingo'],
  ['Renault', 'Talisman'],
  ['Volkswagen', 'Polo'],
  ['Volvo', 'V90'],
];
const COLORS = ['black', 'green', 'white'];
const COUNTRIES = ['NL', 'BE', 'DE'];

/** `n` messages, deterministic: message i is car i % 5, colour i % 3, country i % 3. */
export function trafficMessages(n: number): TrafficMessage[] {
  return Array.from({ length: n }, (_, i) => ({
    color: COLORS[i % 3]!,
    licenseplate: ['PC-90-13', '56-66-GW', '7-RTR-58', 'HN-FH-87', '7-THN-97'][i % 5]!,
    manufacturer: CARS[i % 5]![0],
    model: CARS[i % 5]![1],
    latitude: '52.0604741',
    longitude: 5.100614,
    roadNumber: 'A12',
    speed: 80 + ((i * 7) % 60),
    timestamp: `2018-04-19T21:08:${String(i % 60).padStart(2, '0')}`,
    country: COUNTRIES[i % 3]!,
  }));
}
