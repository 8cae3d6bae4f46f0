// The fixed benchmark queries: as-you-type prefixes, names, phrases and misspellings.

/** One benchmark query. */
export interface BenchQuery {
  /** What is typed. */
  q: string;
  /** Which kind of query it is. */
  kind: 'prefix' | 'name' | 'phrase' | 'typo';
  /** For misspellings: the word meant, which a top-5 passage should contain. */
  intended?: string;
}

const prefixes = [
  'n',
  'nu',
  'nuc',
  'nucl',
  'nucle',
  'nuclea',
  'nuclear',
  'nuclear w',
  'nuclear wea',
  'nuclear weapons',
  's',
  'so',
  'sov',
  'sovie',
];
const names = [
  'Lincoln',
  'Roosevelt',
  'Saddam Hussein',
  'Martin Luther King',
  'Thomas Jefferson',
  'Soviet Union',
  'Vietnam',
  'Mississippi',
];
const phrases = [
  'balanced budget',
  'health care',
  'civil rights',
  'social security',
  'war on terror',
  'the state of the union is strong',
  'income tax',
];
const typos: Array<[string, string]> = [
  ['nuclaer weapons', 'nuclear'],
  ['Afganistan', 'afghanistan'],
  ['Isreal', 'israel'],
  ['Roosvelt', 'roosevelt'],
  ['goverment spending', 'government'],
  ['econmy', 'economy'],
  ['terorism', 'terrorism'],
  ['Amercia', 'america'],
  ['Mississipi', 'mississippi'],
  ['Vietnma', 'vietnam'],
  ['Saddam Husein', 'hussein'],
  ['helth care', 'health'],
  ['inflaton', 'inflation'],
  ['Lincon', 'lincoln'],
];

/** All benchmark queries, in a fixed order. */
export const QUERIES: BenchQuery[] = [
  ...prefixes.map((q): BenchQuery => ({ q, kind: 'prefix' })),
  ...names.map((q): BenchQuery => ({ q, kind: 'name' })),
  ...phrases.map((q): BenchQuery => ({ q, kind: 'phrase' })),
  ...typos.map(([q, intended]): BenchQuery => ({ q, kind: 'typo', intended })),
];
