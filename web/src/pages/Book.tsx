import { useMemo, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { NewBooking } from "@ourspace/client";
import { api, ApiError, must } from "../lib/api";
import { fieldErrors, problemMessage } from "../lib/problem";
import { useMe, useSession } from "../lib/session";
import { formatDate, formatWon } from "../lib/format";
import { useAvailability, useSpace } from "./Space";
import { ErrorState, Loading, SignInRequired } from "../components/States";
import { Field } from "../components/Field";

export { Field }; // where the other forms found it first

export function BookPage() {
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const session = useSession();
  const date = params.get("date") ?? "";
  const space = useSpace(id);
  const avail = useAvailability(id, date || undefined);
  const me = useMe();
  if (!session) return <SignInRequired />;
  if (space.isPending || avail.isPending || me.isPending) return <Loading />;
  if (space.isError) return <ErrorState error={space.error} />;
  if (avail.isError) return <ErrorState error={avail.error} />;
  return <BookForm key={params.toString()} spaceId={id} title={space.data.title} capacity={space.data.capacity} date={date} avail={avail.data} initialPackage={params.get("package")} />;
}

function BookForm({
  spaceId,
  title,
  capacity,
  date,
  avail,
  initialPackage,
}: {
  spaceId: number;
  title: string;
  capacity: { min: number; max: number };
  date: string;
  avail: NonNullable<ReturnType<typeof useAvailability>["data"]>;
  initialPackage: string | null;
}) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const packages = avail.packages.filter((p) => p.available);
  const freeHours = avail.hourly?.slots.filter((s) => s.free) ?? [];
  const [mode, setMode] = useState<"package" | "hourly">(initialPackage || !avail.hourly ? "package" : "hourly");
  const [packageId, setPackageId] = useState<number | undefined>(
    initialPackage ? Number(initialPackage) : packages[0]?.id,
  );
  const [startHour, setStartHour] = useState<number | undefined>(freeHours[0] ? Number(freeHours[0].start.slice(0, 2)) : undefined);
  const [hours, setHours] = useState(avail.hourly?.min_hours ?? 1);
  const [people, setPeople] = useState(capacity.min);
  const [name, setName] = useState(me.data?.nickname ?? "");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState(me.data?.email ?? "");
  const [purpose, setPurpose] = useState("");
  const [message, setMessage] = useState("");
  // One key per form: a double submit or a retry books once.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  const book = useMutation({
    mutationFn: async (body: NewBooking) =>
      must(await api.POST("/v1/bookings", { body, params: { header: { "Idempotency-Key": idempotencyKey } } })),
    onSuccess: (b) => {
      void queryClient.invalidateQueries({ queryKey: ["bookings"] });
      void queryClient.invalidateQueries({ queryKey: ["availability", b.space_id] });
      void queryClient.invalidateQueries({ queryKey: ["calendar", b.space_id] });
      navigate(`/bookings/${b.id}`);
    },
  });
  const problem = book.error instanceof ApiError ? book.error.problem : undefined;
  const errs = fieldErrors(problem);
  const price =
    mode === "package"
      ? avail.packages.find((p) => p.id === packageId)?.price
      : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: NewBooking = {
      space_id: spaceId,
      date,
      people,
      contact: { name, phone, email },
      ...(purpose ? { purpose } : {}),
      ...(message ? { message } : {}),
      ...(mode === "package" ? { package_id: packageId } : { start_hour: startHour, hours }),
    };
    book.mutate(body);
  };

  if (!date) {
    return (
      <section className="page narrow">
        <p>
          날짜를 먼저 고르세요. <Link to={`/spaces/${spaceId}`}>공간으로 돌아가기</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="page narrow">
      <h1>예약하기</h1>
      <p>
        <Link to={`/spaces/${spaceId}?date=${date}`}>{title}</Link> · {formatDate(date)}
      </p>
      <form onSubmit={submit} noValidate className="form">
        <fieldset>
          <legend>예약 방식</legend>
          {packages.length > 0 && (
            <label className="check">
              <input type="radio" name="mode" checked={mode === "package"} onChange={() => setMode("package")} /> 패키지
            </label>
          )}
          {avail.hourly && (
            <label className="check">
              <input type="radio" name="mode" checked={mode === "hourly"} onChange={() => setMode("hourly")} /> 시간 단위
            </label>
          )}
        </fieldset>
        {mode === "package" ? (
          <Field label="패키지" error={errs["package_id"] ?? errs["_"]} id="package">
            <select id="package" value={packageId ?? ""} onChange={(e) => setPackageId(Number(e.target.value))}>
              {packages.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} {p.start}~{p.end} · {formatWon(p.price)}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <>
            <Field label="시작 시각" error={errs["start_hour"] ?? errs["_"]} id="start_hour">
              <select id="start_hour" value={startHour ?? ""} onChange={(e) => setStartHour(Number(e.target.value))}>
                {freeHours.map((s) => (
                  <option key={s.start} value={Number(s.start.slice(0, 2))}>
                    {s.start}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={`이용 시간 (최소 ${avail.hourly?.min_hours ?? 1}시간)`} error={errs["hours"]} id="hours">
              <input id="hours" type="number" min={1} max={24} value={hours} onChange={(e) => setHours(Number(e.target.value))} />
            </Field>
          </>
        )}
        <Field label={`인원 (${capacity.min}~${capacity.max}명)`} error={errs["people"]} id="people">
          <input id="people" type="number" min={1} value={people} onChange={(e) => setPeople(Number(e.target.value))} />
        </Field>
        <Field label="예약자 이름" error={errs["contact.name"]} id="contact-name">
          <input id="contact-name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required />
        </Field>
        <Field label="연락처" error={errs["contact.phone"]} id="contact-phone">
          <input id="contact-phone" type="tel" autoComplete="tel" placeholder="010-1234-5678" value={phone} onChange={(e) => setPhone(e.target.value)} required />
        </Field>
        <Field label="이메일" error={errs["contact.email"]} id="contact-email">
          <input id="contact-email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </Field>
        <Field label="이용 목적" error={errs["purpose"]} id="purpose">
          <input id="purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)} placeholder="예: 생일 파티, 밴드 합주" />
        </Field>
        <Field label="호스트에게 남길 말" error={errs["message"]} id="message">
          <textarea id="message" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} />
        </Field>
        {price !== undefined && <p className="total">결제 예정 금액: {formatWon(price)}</p>}
        {book.isError && (
          <p className="form-error" role="alert">
            {problemMessage(problem)}
          </p>
        )}
        <button type="submit" className="primary wide" disabled={book.isPending}>
          {book.isPending ? "예약하는 중…" : "예약 신청"}
        </button>
      </form>
    </section>
  );
}

