-- Existing keys keep scoring only: until now every key could also read any stored loan's features, which
-- now needs the read:loans scope, granted on purpose (npm run apikey -- create NAME --scope read:loans).
-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "scopes" TEXT[] DEFAULT ARRAY['predict']::TEXT[];

