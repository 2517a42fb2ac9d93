// English tables for the analyzer.
import type { LanguageTables } from './types.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const en: LanguageTables = {
  code: 'en',
  abbreviations: new Set([
    'Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Sr', 'Jr', 'St', 'Mt', 'Gen', 'Lt', 'Col', 'Capt', 'Sgt', 'Maj', 'Adm', 'Gov',
    'Sen', 'Rep', 'Rev', 'Hon', 'Pres', 'Inc', 'Ltd', 'Co', 'Corp', 'Bros', 'vs', 'etc', 'approx', 'No', 'Nos', 'Vol',
    'Fig', 'p', 'pp', 'e.g', 'i.e', 'a.m', 'p.m', 'U.S', 'U.K', 'U.N', 'E.U', 'D.C', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun',
    'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec', 'Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thurs', 'Fri', 'Sat', 'Sun',
    'Ave', 'Blvd', 'Rd', 'est', 'Ph.D', 'ca', 'cf', 'al', 'Dept', 'Univ', 'Assn',
  ]),
  personTitles: [
    'President', 'Vice President', 'Prime Minister', 'Foreign Minister', 'Minister', 'Secretary', 'Secretary of State',
    'Secretary-General', 'Chairman', 'Chairwoman', 'Chancellor', 'King', 'Queen', 'Prince', 'Princess', 'Pope',
    'Senator', 'Sen.', 'Governor', 'Gov.', 'Mayor', 'General', 'Gen.', 'Admiral', 'Colonel', 'Ambassador', 'Judge',
    'Justice', 'Chief Executive', 'CEO', 'chief executive', 'spokesman', 'spokeswoman', 'spokesperson', 'Representative',
    'Rep.', 'Premier', 'Sheikh', 'Emir', 'Director', 'Professor', 'Prof.', 'Dr.', 'Lt.', 'Col.', 'Capt.', 'Sgt.',
    'president', 'minister', 'secretary', 'chairman', 'director', 'leader', 'founder', 'analyst', 'executive',
  ],
  honorifics: ['Mr.', 'Mrs.', 'Ms.', 'Mr', 'Mrs', 'Ms', 'Sir', 'Dame', 'Lord', 'Lady'],
  personCues: ['counterpart', 'said', 'says', 'told'],
  orgHeads: ['Ministry', 'Department', 'Council', 'Organization', 'Organisation', 'Party', 'Bank', 'University', 'Union', 'Committee', 'Commission', 'Agency', 'Bureau', 'Office', 'Institute', 'Association', 'Federation', 'League', 'Court', 'Parliament', 'Congress', 'Senate', 'House', 'Army', 'Navy', 'Group', 'United Nations', 'Fund'],
  orgTails: ['LLC', 'plc', 'PLC', 'SpA', 'AG', 'NV', 'N.V.', 'GmbH', 'Holdings', 'Force', 'Forces', 'Guard', 'Corps', 'Industries', 'Systems', 'Technologies', 'Electronics', 'Airplanes', 'Aviation', 'Aerospace', 'Automotive', 'Motor', 'Partners', 'Capital', 'Network', 'Studios', 'Records', 'Press', 'Agency', 'Service', 'Services', 'Police', 'Inc', 'Inc.', 'Corp', 'Corp.', 'Corporation', 'Company', 'Co.', 'Ltd', 'Ltd.', 'Group', 'Council', 'Party', 'Ministry', 'Bank', 'University', 'Union', 'Committee', 'Commission', 'Agency', 'Organization', 'Organisation', 'Association', 'Motors', 'Airlines', 'Airways', 'Institute', 'Foundation', 'Department', 'Office', 'Court', 'Assembly', 'Times', 'News', 'Post', 'Journal', 'Administration', 'Authority', 'Board', 'Reserve', 'Forum', 'Alliance'],
  legalSuffixes: ['Inc', 'Inc.', 'Corp', 'Corp.', 'Corporation', 'Co', 'Co.', 'Company', 'Ltd', 'Ltd.', 'LLC', 'plc', 'PLC', 'SpA', 'AG', 'NV', 'N.V.', 'SA', 'S.A.', 'GmbH', 'Group', 'Holdings'],
  locationTails: ['Airport', 'Street', 'Avenue', 'Road', 'River', 'Island', 'Islands', 'Mountains', 'Mountain', 'Valley', 'County', 'Province', 'Bay', 'Lake', 'Sea', 'Ocean', 'Square', 'Bridge', 'Peninsula', 'Desert', 'Strait', 'Gulf', 'Coast', 'Canyon', 'Beach', 'Harbor', 'Harbour'],
  orgCuesBefore: ['automaker', 'carmaker', 'company', 'firm', 'manufacturer', 'maker', 'carrier', 'airline', 'rival', 'retailer', 'giant', 'bank', 'insurer', 'conglomerate', 'subsidiary', 'supplier', 'shares of', 'chipmaker', 'planemaker', 'group', 'agency', 'party', 'union', 'newspaper', 'broadcaster', 'network', 'studio', 'label', 'startup', 'operator', 'parent'],
  orgCuesAfter: ['shares', 'stock', 'spokesman', 'spokeswoman', 'spokesperson', 'CEO', 'chief', 'executive', 'executives', 'employees', 'workers', 'headquarters', 'subsidiary', 'unit', 'division', 'dealers', 'dealerships', 'board', 'chairman', 'founder', 'co-founder', 'plant', 'plants', 'factory', 'factories', 'stores', 'shareholders', 'investors', 'profits', 'profit', 'revenue', 'sales', 'officials', 'management', 'bondholders', 'Inc', 'Inc.', 'Corp', 'Corp.'],
  orgLowercaseContinuation: false,
  orgStopWords: new Set(['and', 'or', 'the', 'a', 'an', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from']),
  // `at`, `to`, `from` precede companies as often as places (`at Apple`, `sold to Ford`): no cue.
  locationCues: ['in', 'near', 'In', 'Near', 'capital', 'city of', 'town of', 'province of', 'state of', 'across', 'outside', 'downtown'],
  notNames: new Set([
    ...MONTHS, ...WEEKDAYS, 'The', 'A', 'An', 'This', 'That', 'These', 'Those', 'It', 'Its', 'He', 'She', 'They', 'We',
    'I', 'You', 'His', 'Her', 'Their', 'Our', 'In', 'On', 'At', 'For', 'With', 'By', 'From', 'As', 'But', 'And', 'Or',
    'If', 'When', 'While', 'After', 'Before', 'Since', 'Although', 'However', 'Meanwhile', 'Also', 'There', 'Here',
    'What', 'Who', 'Why', 'How', 'Where', 'Which', 'According', 'Today', 'Yesterday', 'Tomorrow', 'Last', 'Next',
    'Many', 'Some', 'Most', 'All', 'Both', 'Each', 'Every', 'No', 'Not', 'One', 'Two', 'Three', 'Under', 'Over',
    'During', 'Despite', 'Mr', 'Mrs', 'Ms', 'Dr', 'So', 'Then', 'Now', 'Still', 'Yet', 'Earlier', 'Later', 'Photo',
    'Other', 'Another', 'Such', 'Several', 'Few', 'Any', 'Such', 'Those', 'My', 'Your', 'Because', 'Though', 'Until',
    'Unlike', 'Like', 'Including', 'Among', 'Against', 'Between', 'Through', 'Without', 'Within', 'Instead', 'Once',
  ]),
  nameConnectors: new Set(['of', 'de', 'van', 'von', 'der', 'bin', 'al', 'la', 'del', 'da', 'di', 'du', 'le']),
};
