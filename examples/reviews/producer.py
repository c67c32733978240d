"""Product reviews as tab-separated lines (review_id, star_rating, product_category, review_body), a few per
second, written to the `reviews` stream. Endpoint and credentials come from the usual AWS configuration."""
import random
import time
import uuid

import boto3

CATEGORIES = ['Digital_Software', 'Digital_Video_Games', 'Gift Card']


def review():
    stars = random.choice([5, 5, 5, 4, 4, 3, 2, 1])
    return '%s\t%d\t%s\t%s\n' % ('R' + uuid.uuid4().hex[:13].upper(), stars, random.choice(CATEGORIES),
                                 'A review with %d stars.' % stars)


def main():
    kinesis = boto3.client('kinesis')
    while True:
        kinesis.put_records(StreamName='reviews', Records=[{'Data': review(), 'PartitionKey': str(i)} for i in range(5)])
        time.sleep(1)


if __name__ == '__main__':
    main()
