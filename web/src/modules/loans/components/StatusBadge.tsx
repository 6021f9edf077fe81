import { Badge } from "../../../core/ui/Badge";
import { statusLabel, statusTone } from "../loanLabels";

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTone(status)}>{statusLabel(status)}</Badge>;
}
