-- Entity types added with the built-in Kubernetes kinds (issue 15): autoscalers, API extensions
-- (CRDs, aggregated APIs, provisional kinds), and ecosystem projects outside Kubernetes.
ALTER TYPE "EntityType" ADD VALUE 'AUTOSCALING';
ALTER TYPE "EntityType" ADD VALUE 'EXTENSION';
ALTER TYPE "EntityType" ADD VALUE 'ECOSYSTEM';
