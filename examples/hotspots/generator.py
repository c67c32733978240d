"""The hotspots example's RecordGenerator: points in [0,10]², 20% of them in a 1x1 square that moves every 1000
points, written to ExampleInputStream with put_records. Endpoint and credentials come from the usual AWS
configuration (AWS_ENDPOINT_URL=http://127.0.0.1:4567 for a local Freshet)."""
import json
import time
from random import random

import boto3

xRange = [0, 10]
yRange = [0, 10]
hotspotSideLength = 1
hotspotWeight = 0.2


def generate_point_in_rectangle(x_min, width, y_min, height):
    return {'x': x_min + random() * width, 'y': y_min + random() * height}


class RecordGenerator(object):
    def __init__(self):
        self.x_min = xRange[0]
        self.width = xRange[1] - xRange[0]
        self.y_min = yRange[0]
        self.height = yRange[1] - yRange[0]
        self.points_generated = 0
        self.hotspot_x_min = None
        self.hotspot_y_min = None

    def get_record(self):
        if self.points_generated % 1000 == 0:
            self.update_hotspot()
        if random() < hotspotWeight:
            record = generate_point_in_rectangle(self.hotspot_x_min, hotspotSideLength, self.hotspot_y_min, hotspotSideLength)
            record['is_hot'] = 'Y'
        else:
            record = generate_point_in_rectangle(self.x_min, self.width, self.y_min, self.height)
            record['is_hot'] = 'N'
        self.points_generated += 1
        return {'Data': bytes(json.dumps(record), 'utf-8'), 'PartitionKey': 'partition_key'}

    def get_records(self, n):
        return [self.get_record() for _ in range(n)]

    def update_hotspot(self):
        self.hotspot_x_min = self.x_min + random() * (self.width - hotspotSideLength)
        self.hotspot_y_min = self.y_min + random() * (self.height - hotspotSideLength)


def main():
    kinesis = boto3.client('kinesis')
    generator = RecordGenerator()
    while True:
        kinesis.put_records(StreamName="ExampleInputStream", Records=generator.get_records(10))
        time.sleep(0.1)


if __name__ == "__main__":
    main()
