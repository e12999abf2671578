#!/usr/bin/env bash
# Le nom base résolu depuis le notebook, puis trois relevés rangés dans la base.
docker exec datasci-notebook-1 getent hosts base
docker exec datasci-notebook-1 python -c "import socket; socket.create_connection(('base', 5432)); print('base:5432 joignable')"
docker exec datasci-base-1 psql -U analyste -d mesures -c "CREATE TABLE releves (ville text, temperature real);"
docker exec datasci-base-1 psql -U analyste -d mesures -c "INSERT INTO releves VALUES ('Brest', 14.5), ('Lyon', 21.0), ('Nice', 24.2);"
docker exec datasci-base-1 psql -U analyste -d mesures -c "SELECT * FROM releves;"
