CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (carname varchar(20),
carmodel varchar(20),
licenseplate varchar(10),
country varchar(20)
);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM "manufacturer", "model", "licenseplate", "c"."countryname"
FROM "SOURCE_SQL_STREAM_001" left join "Countries" as "c"
ON "SOURCE_SQL_STREAM_001"."country" = "c"."countrycode"
