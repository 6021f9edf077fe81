import { Badge } from "../../../core/ui/Badge";
import { bucketLabel, bucketTone } from "../loanLabels";

export function BucketBadge({ bucket }: { bucket: string }) {
  return <Badge tone={bucketTone(bucket)}>{bucketLabel(bucket)}</Badge>;
}
