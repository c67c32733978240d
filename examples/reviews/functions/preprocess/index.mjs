// The input pre-processing function (KDA's contract): each Firehose record is one tab-separated review
// (review_id, star_rating, product_category, review_body). Reviews without a body are dropped; a star rating
// outside 1..5 is reported as ProcessingFailed (it lands in error_stream); the others go on, newline-terminated.
export const handler = async (event) => ({
  records: event.records.map((record) => {
    const text = Buffer.from(record.data, 'base64').toString('utf8').replace(/\n+$/, '');
    const [reviewId, stars, category, body] = text.split('\t');
    if (!body) return { recordId: record.recordId, result: 'Dropped', data: record.data };
    const rating = Number(stars);
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) return { recordId: record.recordId, result: 'ProcessingFailed', data: record.data };
    const row = [reviewId, rating, category, body.replace(/[\t\n]/g, ' ')].join('\t') + '\n';
    return { recordId: record.recordId, result: 'Ok', data: Buffer.from(row).toString('base64') };
  }),
});
