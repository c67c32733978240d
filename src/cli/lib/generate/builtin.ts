/**
 * The built-in demo data sets: the shapes the tutorials Freshet serves expect.
 * - stock-ticker: the Kinesis Data Analytics console's demo stream, {TICKER_SYMBOL, SECTOR, CHANGE, PRICE}.
 * - hotspots: the hotspots example's points, 20% in a 1×1 hotspot that moves every 1,000 points.
 * - traffic: the Kinesis workshop's traffic messages (Dutch roads, licence plates, speeds).
 * - reviews: the product reviews notebook's tab-separated review_id, star_rating, product_category, review_body.
 */
import type { Random } from './random.js';

export interface GeneratedRecord {
  data: string;
  partitionKey: string;
}

export interface RecordSource {
  next(now: Date): GeneratedRecord;
}

export const BUILTIN_TEMPLATES: Record<string, { description: string; create(random: Random): RecordSource }> = {
  'stock-ticker': { description: 'KDA demo stream: {"TICKER_SYMBOL","SECTOR","CHANGE","PRICE"}', create: stockTicker },
  hotspots: { description: 'hotspots example: {"x","y","is_hot"}, 20% inside a moving 1×1 box', create: hotspots },
  traffic: { description: 'workshop traffic messages: car, licence plate, road, speed, position, country', create: traffic },
  reviews: { description: 'notebook product reviews: review_id<TAB>star_rating<TAB>product_category<TAB>review_body', create: reviews },
};

const TICKERS: [string, string][] = [
  ['AMZN', 'RETAIL'], ['TGT', 'RETAIL'], ['WMT', 'RETAIL'], ['QXZ', 'HEALTHCARE'], ['ABC', 'HEALTHCARE'], ['JNJ', 'HEALTHCARE'],
  ['DEF', 'ENERGY'], ['XOM', 'ENERGY'], ['WAS', 'ENERGY'], ['XYZ', 'TECHNOLOGY'], ['ASD', 'TECHNOLOGY'], ['MSFT', 'TECHNOLOGY'],
  ['CRM', 'TECHNOLOGY'], ['MMB', 'FINANCIAL'], ['BAC', 'FINANCIAL'], ['WFC', 'FINANCIAL'], ['PJN', 'FINANCIAL'], ['TBV', 'AUTOMOBILE'],
  ['ALY', 'AUTOMOBILE'], ['KFU', 'AUTOMOBILE'],
];

/** Each ticker's price walks: CHANGE is at most ±5% of the price, PRICE stays within 1–1000. */
function stockTicker(random: Random): RecordSource {
  const prices = new Map(TICKERS.map(([t]) => [t, Number(random.float(10, 200).toFixed(2))]));
  return {
    next() {
      const [symbol, sector] = random.pick(TICKERS);
      const price = prices.get(symbol)!;
      let change = Number((price * Math.max(-0.05, Math.min(0.05, random.gaussian() * 0.015))).toFixed(2));
      if (price + change < 1 || price + change > 1000) change = -change;
      const next = Number((price + change).toFixed(2));
      prices.set(symbol, next);
      return { data: JSON.stringify({ TICKER_SYMBOL: symbol, SECTOR: sector, CHANGE: change, PRICE: next }), partitionKey: symbol };
    },
  };
}

/** The tutorial's RecordGenerator: x, y in [0, 10); the hotspot moves every 1,000 points. */
function hotspots(random: Random): RecordSource {
  const range = 10;
  const side = 1;
  let generated = 0;
  let hx = 0;
  let hy = 0;
  return {
    next() {
      if (generated % 1000 === 0) {
        hx = random.next() * (range - side);
        hy = random.next() * (range - side);
      }
      generated++;
      const hot = random.next() < 0.2;
      const point = hot
        ? { x: hx + random.next() * side, y: hy + random.next() * side, is_hot: 'Y' }
        : { x: random.next() * range, y: random.next() * range, is_hot: 'N' };
      // The tutorial writes every point with the same key (one shard, in order).
      return { data: JSON.stringify(point), partitionKey: 'partition_key' };
    },
  };
}

const CARS: [string, string[]][] = [
  ['BMW', ['3 series', '5 series', '7 series', 'X5']],
  ['Renault', ['Twingo', 'Clio', 'Talisman', 'Megane']],
  ['Volkswagen', ['Polo', 'Golf', 'Passat', 'Tiguan']],
  ['Volvo', ['V40', 'V60', 'V90', 'XC60']],
  ['Toyota', ['Aygo', 'Yaris', 'Corolla', 'Prius']],
  ['Peugeot', ['108', '208', '308', '508']],
  ['Tesla', ['Model 3', 'Model S', 'Model Y']],
];
const COLORS = ['black', 'white', 'grey', 'silver', 'blue', 'red', 'green'];
const COUNTRIES = ['NL', 'NL', 'NL', 'NL', 'BE', 'DE', 'FR', 'GB', 'PL'];
/** Road, latitude, longitude of a measuring point. */
const ROADS: [string, number, number][] = [
  ['A12', 52.0604741, 5.100614],
  ['A2', 52.0907374, 5.0312393],
  ['A27', 52.1123681, 5.1820316],
  ['A28', 52.1212468, 5.2027041],
  ['A1', 52.2518542, 5.3167427],
];

/** Dutch-style sidecode plates: PC-90-13, 56-66-GW, 7-RTR-58. */
function plate(random: Random): string {
  const L = 'BDFGHJKLNPRSTVXZ';
  const D = '0123456789';
  switch (random.int(0, 2)) {
    case 0:
      return `${random.chars(2, L)}-${random.chars(2, D)}-${random.chars(2, D)}`;
    case 1:
      return `${random.chars(2, D)}-${random.chars(2, D)}-${random.chars(2, L)}`;
    default:
      return `${random.chars(1, D)}-${random.chars(3, L)}-${random.chars(2, D)}`;
  }
}

function traffic(random: Random): RecordSource {
  return {
    next(now) {
      const [manufacturer, models] = random.pick(CARS);
      const [roadNumber, latitude, longitude] = random.pick(ROADS);
      const licenseplate = plate(random);
      const message = {
        color: random.pick(COLORS),
        licenseplate,
        manufacturer,
        model: random.pick(models),
        latitude: String(latitude),
        longitude,
        roadNumber,
        speed: Math.max(30, Math.min(200, Math.round(105 + random.gaussian() * 20))),
        timestamp: now.toISOString().slice(0, 19),
        country: random.pick(COUNTRIES),
      };
      return { data: JSON.stringify(message), partitionKey: licenseplate };
    },
  };
}

const CATEGORIES = ['Digital_Software', 'Digital_Video_Games', 'Gift_Card', 'Books', 'Electronics', 'Home', 'Toys', 'Apparel'];
const REVIEW_LINES: Record<number, string[]> = {
  1: ['Stopped working after a week.', 'Waste of money, do not buy.', 'Nothing like the description.'],
  2: ['Disappointing quality for the price.', 'It works, barely.', 'Had to return the first one.'],
  3: ['Does the job, nothing special.', 'Average. Shipping was slow.', 'OK for the price.'],
  4: ['Good value, would buy again.', 'Works well, minor issues with setup.', 'Very happy overall.'],
  5: ['Excellent! Exactly what I needed.', 'Love it, five stars.', 'Best purchase this year.'],
};

/** The star ratings lean positive, as in the Amazon reviews data the notebook streams. */
function reviews(random: Random): RecordSource {
  return {
    next() {
      const reviewId = `R${random.chars(13, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
      const stars = Number(random.weightedArrayElement([1, 2, 3, 4, 5], [0.08, 0.06, 0.1, 0.2, 0.56]));
      const body = `${random.pick(REVIEW_LINES[stars]!)} ${random.pick(REVIEW_LINES[stars]!)}`;
      return { data: [reviewId, stars, random.pick(CATEGORIES), body].join('\t'), partitionKey: reviewId };
    },
  };
}
