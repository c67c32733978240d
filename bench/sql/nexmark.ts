/**
 * A seeded Nexmark event generator (Person / Auction / Bid), after nexmark/nexmark's NexmarkGenerator: the
 * 1 : 3 : 46 event mix, hot auctions and bidders, ids from 1000, a fixed inter-event delay. Deterministic for a
 * seed (mulberry32 instead of Java's SplittableRandom, so not bit-identical to the Java generator).
 */

export interface Bid {
  auction: number;
  bidder: number;
  price: number;
  channel: string;
  url: string;
  dateTime: number;
  extra: string;
}

export interface Person {
  id: number;
  name: string;
  emailAddress: string;
  creditCard: string;
  city: string;
  state: string;
  dateTime: number;
  extra: string;
}

export interface Auction {
  id: number;
  itemName: string;
  description: string;
  initialBid: number;
  reserve: number;
  dateTime: number;
  expires: number;
  seller: number;
  category: number;
  extra: string;
}

export type NexmarkEvent = { kind: 'person'; person: Person } | { kind: 'auction'; auction: Auction } | { kind: 'bid'; bid: Bid };

const PERSON_PROPORTION = 1;
const AUCTION_PROPORTION = 3;
const TOTAL_PROPORTION = 50;
const FIRST_ID = 1000;
const HOT_AUCTION_RATIO = 2;
const HOT_BIDDER_RATIO = 4;
const IN_FLIGHT_AUCTIONS = 100;
const ACTIVE_PEOPLE = 1000;
const HOT_CHANNELS = ['Google', 'Facebook', 'Baidu', 'Apple'];
const CITIES = ['Phoenix', 'Los Angeles', 'San Francisco', 'Boise', 'Portland', 'Bend', 'Redmond', 'Seattle', 'Kent', 'Cheyenne'];
const STATES = ['AZ', 'CA', 'ID', 'OR', 'WA', 'WY'];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class NexmarkGenerator {
  private readonly random: () => number;
  private n = 0;

  constructor(
    seed: number,
    /** Event-time start, epoch ms. */
    private readonly startMs = Date.UTC(2020, 0, 1),
    /** Events per second of event time. */
    private readonly rate = 10_000,
  ) {
    this.random = mulberry32(seed);
  }

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private text(len: number): string {
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCharCode(97 + this.int(26));
    return s;
  }

  /** Event time of the next event. */
  nextTime(): number {
    return this.startMs + Math.floor((this.n * 1000) / this.rate);
  }

  next(): NexmarkEvent {
    const id = this.n++;
    const time = this.startMs + Math.floor((id * 1000) / this.rate);
    const epoch = Math.floor(id / TOTAL_PROPORTION);
    const offset = id % TOTAL_PROPORTION;
    if (offset < PERSON_PROPORTION) {
      const pid = FIRST_ID + epoch;
      return {
        kind: 'person',
        person: {
          id: pid,
          name: `${this.text(5)} ${this.text(7)}`,
          emailAddress: `${this.text(7)}@${this.text(5)}.com`,
          creditCard: Array.from({ length: 4 }, () => String(1000 + this.int(9000))).join(' '),
          city: CITIES[this.int(CITIES.length)]!,
          state: STATES[this.int(STATES.length)]!,
          dateTime: time,
          extra: this.text(20),
        },
      };
    }
    if (offset < PERSON_PROPORTION + AUCTION_PROPORTION) {
      const aid = FIRST_ID + epoch * AUCTION_PROPORTION + (offset - PERSON_PROPORTION);
      const initialBid = 1 + this.int(1000);
      return {
        kind: 'auction',
        auction: {
          id: aid,
          itemName: this.text(10),
          description: this.text(40),
          initialBid,
          reserve: initialBid + this.int(1000),
          dateTime: time,
          expires: time + 10_000 + this.int(20_000),
          seller: FIRST_ID + Math.max(0, epoch - this.int(Math.min(epoch + 1, ACTIVE_PEOPLE))),
          category: 10 + this.int(5),
          extra: this.text(50),
        },
      };
    }
    const lastAuction = FIRST_ID + epoch * AUCTION_PROPORTION + AUCTION_PROPORTION - 1;
    const auction =
      this.int(HOT_AUCTION_RATIO) > 0
        ? Math.floor(lastAuction / HOT_AUCTION_RATIO) * HOT_AUCTION_RATIO
        : Math.max(FIRST_ID, lastAuction - this.int(IN_FLIGHT_AUCTIONS));
    const lastPerson = FIRST_ID + epoch;
    const bidder =
      this.int(HOT_BIDDER_RATIO) > 0
        ? Math.floor(lastPerson / HOT_BIDDER_RATIO) * HOT_BIDDER_RATIO + 1
        : Math.max(FIRST_ID, lastPerson - this.int(ACTIVE_PEOPLE));
    const hot = this.int(10) > 0;
    const channel = hot ? HOT_CHANNELS[this.int(HOT_CHANNELS.length)]! : `channel-${this.int(10_000)}`;
    return {
      kind: 'bid',
      bid: {
        auction,
        bidder,
        price: Math.round(Math.pow(10, this.random() * 6) * 100),
        channel,
        url: `https://www.nexmark.com/${this.text(5)}/${this.text(5)}/item.htm?query=1&channel_id=${this.int(1 << 20)}`,
        dateTime: time,
        extra: this.text(10),
      },
    };
  }
}
