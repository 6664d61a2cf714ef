/**
 * One /table request covers a block of the full matrix: `sourceCount` rows from `sourceStart`
 * and `destinationCount` columns from `destinationStart`. When `shared` is set, sources and
 * destinations are the same coordinates and the request sends them once (OSRM's default all×all).
 */
export interface TableChunk {
  sourceStart: number;
  sourceCount: number;
  destinationStart: number;
  destinationCount: number;
  shared: boolean;
}

/**
 * Splits a rows×cols matrix into blocks whose coordinate count (sources + destinations) stays
 * within `maxTableSize`, choosing the block shape with the fewest requests. `square` means the
 * destinations are the sources; a square matrix that fits is asked for in one all×all request.
 */
export function planTableChunks(rows: number, cols: number, maxTableSize: number, square: boolean): TableChunk[] {
  if (rows === 0 || cols === 0) return [];
  if (square && rows <= maxTableSize) {
    return [{ sourceStart: 0, sourceCount: rows, destinationStart: 0, destinationCount: cols, shared: true }];
  }
  if (maxTableSize < 2) throw new RangeError('maxTableSize must be at least 2');
  const { sourceBlock, destinationBlock } = bestBlockShape(rows, cols, maxTableSize);
  const chunks: TableChunk[] = [];
  for (let sourceStart = 0; sourceStart < rows; sourceStart += sourceBlock) {
    for (let destinationStart = 0; destinationStart < cols; destinationStart += destinationBlock) {
      chunks.push({
        sourceStart,
        sourceCount: Math.min(sourceBlock, rows - sourceStart),
        destinationStart,
        destinationCount: Math.min(destinationBlock, cols - destinationStart),
        shared: false,
      });
    }
  }
  return chunks;
}

function bestBlockShape(rows: number, cols: number, maxTableSize: number) {
  let best = { sourceBlock: 1, destinationBlock: 1, requests: Infinity, balance: Infinity };
  for (let sourceBlock = 1; sourceBlock <= Math.min(rows, maxTableSize - 1); sourceBlock++) {
    const destinationBlock = Math.min(cols, maxTableSize - sourceBlock);
    const requests = Math.ceil(rows / sourceBlock) * Math.ceil(cols / destinationBlock);
    // Among equal request counts prefer even blocks: the last requests are not tiny leftovers.
    const balance = Math.abs(sourceBlock - destinationBlock);
    if (requests < best.requests || (requests === best.requests && balance < best.balance)) {
      best = { sourceBlock, destinationBlock, requests, balance };
    }
  }
  return best;
}
