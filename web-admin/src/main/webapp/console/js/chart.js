// The dedup chart: per share, what its files hold (logical) against what their distinct blocks take (unique), drawn
// as SVG with attributes only (no style attributes: the Content-Security-Policy forbids them); colours come from CSS.

import {svg, uid} from './dom.js';
import {bytes, ratio} from './format.js';

const WIDTH = 520;
const LABEL_WIDTH = 130;
const VALUE_WIDTH = 110;
const BAR_HEIGHT = 14;
const ROW_HEIGHT = 44;
const TOP = 28;
const LABEL_CHARACTERS = 15;

function legend() {
  return svg('g', {class: 'legend'},
    svg('rect', {x: LABEL_WIDTH, y: 4, width: 12, height: 12, class: 'bar-logical'}),
    svg('text', {x: LABEL_WIDTH + 18, y: 14}, 'logical'),
    svg('rect', {x: LABEL_WIDTH + 90, y: 4, width: 12, height: 12, class: 'bar-unique'}),
    svg('text', {x: LABEL_WIDTH + 108, y: 14}, 'unique (stored once)'));
}

// the label column is narrow; the row's title gives the whole name
function shortened(name) {
  return name.length > LABEL_CHARACTERS ? `${name.slice(0, LABEL_CHARACTERS - 1)}…` : name;
}

function row(share, index, scale) {
  const y = TOP + index * ROW_HEIGHT;
  const logical = Math.max(share.logicalBytes > 0 ? 1 : 0, share.logicalBytes * scale);
  const unique = Math.max(share.uniqueBytes > 0 ? 1 : 0, share.uniqueBytes * scale);
  return svg('g', {class: 'chart-row'},
    svg('title', null, `${share.share}: ${bytes(share.logicalBytes)} logical, ${bytes(share.uniqueBytes)} unique, `
      + `dedup ${ratio(share.dedupRatio)}`),
    svg('text', {x: 0, y: y + BAR_HEIGHT, class: 'chart-label'}, shortened(share.share)),
    svg('rect', {x: LABEL_WIDTH, y, width: logical.toFixed(1), height: BAR_HEIGHT, class: 'bar-logical'}),
    svg('rect', {x: LABEL_WIDTH, y: y + BAR_HEIGHT + 2, width: unique.toFixed(1), height: BAR_HEIGHT,
      class: 'bar-unique'}),
    svg('text', {x: WIDTH - VALUE_WIDTH + 8, y: y + BAR_HEIGHT, class: 'chart-value'},
      `${ratio(share.dedupRatio)} dedup`),
    svg('text', {x: WIDTH - VALUE_WIDTH + 8, y: y + 2 * BAR_HEIGHT + 2, class: 'chart-value muted'},
      bytes(share.logicalBytes)));
}

/** The chart for the shares' figures; its title says what it shows, for screen readers too. */
export function dedupChart(shares) {
  const largest = Math.max(1, ...shares.map(share => share.logicalBytes), ...shares.map(share => share.uniqueBytes));
  const scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / largest;
  const height = TOP + shares.length * ROW_HEIGHT;
  const titleId = uid('chart-title');
  return svg('svg', {class: 'chart', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': titleId,
    preserveAspectRatio: 'xMinYMin meet'},
  svg('title', {id: titleId}, 'Deduplication per share: logical against unique bytes'),
  legend(),
  shares.map((share, index) => row(share, index, scale)));
}
