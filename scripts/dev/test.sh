#!/usr/bin/env bash
# Runs the whole test suite (unit and integration tests against the machine's PostgreSQL and RabbitMQ when they
# answer, the embedded ones otherwise). Arguments go to Maven, e.g. scripts/dev/test.sh -Dtest=SplitDeploymentTest
set -euo pipefail
cd "$(dirname "$0")/../.."
exec ./mvnw -B verify "$@"
