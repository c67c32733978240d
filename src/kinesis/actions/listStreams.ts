/** ListStreams: names and summaries by name, paged by Limit + ExclusiveStartStreamName or NextToken. */
import { decodeNextToken, encodeNextToken } from '../model/pagination-token.js';
import { streamSummary } from '../model/wire-shapes.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/listStreams.js';

/** AWS: "The default value is 100. If you specify a value greater than 100, at most 100 results are returned." */
const MAX_PAGE = 100;

export default defineAction(validation, async ({ rt, req }, data) => {
  let after: string | undefined = data.ExclusiveStartStreamName;
  if (data.NextToken !== undefined) after = decodeNextToken(data.NextToken, 'ListStreams', rt.now()).after as string;
  const limit = Math.min(data.Limit ?? MAX_PAGE, MAX_PAGE);
  let streams = rt.registry.list(req.accountId, req.region);
  if (after !== undefined) streams = streams.filter((s) => s.name > after!);
  const page = streams.slice(0, limit);
  const hasMore = streams.length > limit;
  return {
    StreamNames: page.map((s) => s.name),
    HasMoreStreams: hasMore,
    ...(hasMore ? { NextToken: encodeNextToken({ op: 'ListStreams', after: page[page.length - 1]!.name }, rt.now()) } : {}),
    // Today's AWS adds StreamSummaries (and NextToken) to the two members kinesalite recorded; we follow AWS.
    StreamSummaries: page.map(streamSummary),
  };
});
