"""Traffic messages like the workshop's producer (kinesis_streaming_multiple_records.py): a batch of cars on the
A12 every second, written with put_records. Endpoint and credentials come from the usual AWS configuration
(AWS_ENDPOINT_URL=http://127.0.0.1:4567 for a local Freshet)."""
import json
import random
import time
from datetime import datetime, timezone

import boto3

CARS = [('BMW', '7 series'), ('Renault', 'Twingo'), ('Renault', 'Talisman'), ('Volkswagen', 'Polo'),
        ('Volvo', 'V90'), ('Mercedes', 'E-class'), ('SEAT', 'Ibiza'), ('SKODA', 'Octavia'), ('Toyota', 'Yaris'),
        ('Citroen', 'C3')]
COLORS = ['black', 'green', 'white', 'red', 'blue']
COUNTRIES = ['NL', 'BE', 'DE', 'FR', 'GB']


def plate():
    letters = 'BDFGHJKLNPRSTVXZ'
    return '%s-%02d-%s' % (''.join(random.choice(letters) for _ in range(2)), random.randint(0, 99),
                           ''.join(random.choice(letters) for _ in range(2)))


def message():
    manufacturer, model = random.choice(CARS)
    return {
        'color': random.choice(COLORS),
        'licenseplate': plate(),
        'manufacturer': manufacturer,
        'model': model,
        'latitude': '52.0604741',
        'longitude': 5.100614,
        'roadNumber': 'A12',
        'speed': random.randint(60, 140),
        'timestamp': datetime.now(timezone.utc).strftime('%Y-%m-%dT%H:%M:%S'),
        'country': random.choice(COUNTRIES),
    }


def main():
    kinesis = boto3.client('kinesis')
    while True:
        records = [message() for _ in range(10)]
        kinesis.put_records(StreamName='traffic-message-stream',
                            Records=[{'Data': json.dumps(m), 'PartitionKey': m['licenseplate']} for m in records])
        time.sleep(1)


if __name__ == '__main__':
    main()
