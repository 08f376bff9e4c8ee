import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { multipartBody, type SpaceDetail, type SpaceInput, type PackageInput } from "@ourspace/client";
import { api, ApiError, must } from "../lib/api";
import { fieldErrors, problemMessage } from "../lib/problem";
import { useSession } from "../lib/session";
import { addDays, formatDate, seoulToday, WEEKDAY_KO, type Weekday } from "../lib/format";
import { useCategories, useDistricts, useFacilities } from "../lib/reference";
import { PhotoList, type PhotoItem } from "../components/PhotoList";
import { ErrorState, Loading, SignInRequired } from "../components/States";
import { Field } from "./Book";

const WEEKDAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const HOURS = Array.from({ length: 25 }, (_, h) => `${String(h).padStart(2, "0")}:00`);

interface Draft {
  title: string;
  subtitle: string;
  description: string;
  category_id: number;
  district_id: number;
  address: string;
  lat: number;
  lng: number;
  min: number;
  max: number;
  facility_ids: number[];
  needs_approval: boolean;
  hourlyOn: boolean;
  price_per_hour: number;
  min_hours: number;
  hours: Partial<Record<Weekday, { open: string; close: string }>>;
  packages: PackageInput[];
  refund: "flexible" | "standard" | "custom";
  rules: { min_days_before: number; percent: number }[];
}

const emptyDraft: Draft = {
  title: "",
  subtitle: "",
  description: "",
  category_id: 0,
  district_id: 0,
  address: "",
  lat: 37.5665,
  lng: 126.978,
  min: 1,
  max: 10,
  facility_ids: [],
  needs_approval: false,
  hourlyOn: true,
  price_per_hour: 20000,
  min_hours: 2,
  hours: Object.fromEntries(WEEKDAYS.map((w) => [w, { open: "09:00", close: "22:00" }])),
  packages: [],
  refund: "standard",
  rules: [],
};

function fromSpace(s: SpaceDetail): Draft {
  return {
    title: s.title,
    subtitle: s.subtitle,
    description: s.description,
    category_id: s.category.id,
    district_id: s.district.id,
    address: s.address,
    lat: s.lat,
    lng: s.lng,
    min: s.capacity.min,
    max: s.capacity.max,
    facility_ids: s.facilities.map((f) => f.id),
    needs_approval: s.needs_approval,
    hourlyOn: !!s.hourly,
    price_per_hour: s.hourly?.price_per_hour ?? 20000,
    min_hours: s.hourly?.min_hours ?? 1,
    hours: Object.fromEntries(s.opening_hours.map((o) => [o.weekday, { open: o.open, close: o.close }])),
    packages: s.packages.map((p) => ({ id: p.id, name: p.name, start: p.start, end: p.end, price: p.price, weekdays: p.weekdays })),
    refund: s.refund_policy.name,
    rules: s.refund_policy.rules,
  };
}

function toInput(d: Draft): SpaceInput {
  const opening = WEEKDAYS.flatMap((w) => (d.hours[w] ? [{ weekday: w, ...d.hours[w]! }] : []));
  return {
    title: d.title,
    subtitle: d.subtitle,
    description: d.description,
    category_id: d.category_id,
    district_id: d.district_id,
    address: d.address,
    lat: d.lat,
    lng: d.lng,
    capacity: { min: d.min, max: d.max },
    facility_ids: d.facility_ids,
    needs_approval: d.needs_approval,
    opening_hours: opening,
    packages: d.packages,
    refund_policy: d.refund === "custom" ? { name: "custom", rules: d.rules } : { name: d.refund },
    ...(d.hourlyOn ? { hourly: { price_per_hour: d.price_per_hour, min_hours: d.min_hours } } : {}),
  };
}

export function SpaceEditorPage() {
  const { id } = useParams();
  const session = useSession();
  const space = useQuery({
    queryKey: ["host", "space", Number(id)],
    enabled: !!session && !!id,
    queryFn: async () => must(await api.GET("/v1/me/spaces/{id}", { params: { path: { id: Number(id) } } })),
  });
  if (!session) return <SignInRequired />;
  if (id && space.isPending) return <Loading />;
  if (id && space.isError) return <ErrorState error={space.error} retry={() => space.refetch()} />;
  return <Editor key={id ?? "new"} space={id ? space.data : undefined} />;
}

function Editor({ space }: { space?: SpaceDetail }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const districts = useDistricts();
  const categories = useCategories();
  const facilities = useFacilities();
  const [d, setD] = useState<Draft>(() => (space ? fromSpace(space) : emptyDraft));
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  // New listing: photos chosen here, uploaded with the listing.
  const [files, setFiles] = useState<{ key: string; file: File; url: string }[]>([]);
  useEffect(() => () => files.forEach((f) => URL.revokeObjectURL(f.url)), [files]);

  const save = useMutation({
    mutationFn: async () => {
      const listing = toInput(d);
      if (space) {
        const patch = { ...listing, ...(d.hourlyOn ? {} : { hourly: null }) };
        return must(await api.PATCH("/v1/spaces/{id}", { params: { path: { id: space.id } }, body: patch as never }));
      }
      return must(
        await api.POST("/v1/spaces", { body: { listing, photos: files.map((f) => f.file) }, bodySerializer: multipartBody }),
      );
    },
    onSuccess: (s) => {
      void queryClient.invalidateQueries({ queryKey: ["host"] });
      void queryClient.invalidateQueries({ queryKey: ["spaces"] });
      queryClient.removeQueries({ queryKey: ["space", s.id] });
      navigate(`/host/spaces/${s.id}`, { state: { saved: true } });
    },
  });
  const problem = save.error instanceof ApiError ? save.error.problem : undefined;
  const errs = fieldErrors(problem);
  const err = (name: string) => errs[`listing.${name}`] ?? errs[name];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const district = districts.data?.find((x) => x.id === d.district_id);
  const refs = [categories, districts, facilities];
  const refsFailed = refs.find((r) => r.isError);

  return (
    <section className="page narrow">
      <p>
        <Link to="/host">← 내 공간</Link>
      </p>
      <h1>{space ? `공간 수정: ${space.title}` : "새 공간 등록"}</h1>
      {space && <SpaceAdmin space={space} />}
      {/* A retired space is final: the API refuses every change (409 space_retired). */}
      {space?.status === "retired" ? null : refsFailed ? (
        // Without the categories, districts and facilities nothing can be chosen.
        <ErrorState error={refsFailed.error} retry={() => refs.forEach((r) => r.isError && void r.refetch())} />
      ) : refs.some((r) => r.isPending) ? (
        <Loading label="공간 유형과 지역 목록을 불러오는 중…" />
      ) : (
        <form className="form" onSubmit={submit} noValidate aria-label="공간 정보">
          {space && <h2>공간 정보</h2>}
          {save.isError && (
            <div className="form-error" role="alert">
              <p>{problemMessage(problem)}</p>
              {Object.keys(errs).length > 0 && (
                <ul>
                  {Object.entries(errs).map(([k, v]) => (
                    <li key={k}>
                      {k}: {v}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {save.isSuccess && <p role="status">저장했습니다.</p>}
          <Field label="공간 이름" id="title" error={err("title")}>
            <input id="title" value={d.title} maxLength={100} onChange={(e) => set({ title: e.target.value })} required />
          </Field>
          <Field label="한 줄 소개" id="subtitle" error={err("subtitle")}>
            <input id="subtitle" value={d.subtitle} maxLength={200} onChange={(e) => set({ subtitle: e.target.value })} />
          </Field>
          <Field label="공간 소개" id="description" error={err("description")}>
            <textarea id="description" rows={5} value={d.description} onChange={(e) => set({ description: e.target.value })} />
          </Field>
          <div className="two">
            <Field label="공간 유형" id="category" error={err("category_id")}>
              <select id="category" value={d.category_id || ""} onChange={(e) => set({ category_id: Number(e.target.value) })} required>
                <option value="">선택</option>
                {categories.data?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="지역(구)" id="district" error={err("district_id")}>
              <select
                id="district"
                value={d.district_id || ""}
                onChange={(e) => {
                  const dist = districts.data?.find((x) => x.id === Number(e.target.value));
                  set({ district_id: Number(e.target.value), ...(dist ? { lat: dist.lat, lng: dist.lng } : {}) });
                }}
                required
              >
                <option value="">선택</option>
                {districts.data?.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field label="주소" id="address" error={err("address")}>
            <input id="address" value={d.address} placeholder={district ? `서울 ${district.name} …` : "서울 …"} onChange={(e) => set({ address: e.target.value })} required />
          </Field>
          <div className="two">
            <Field label="위도" id="lat" error={err("lat")}>
              <input id="lat" type="number" step="0.000001" value={d.lat} onChange={(e) => set({ lat: Number(e.target.value) })} />
            </Field>
            <Field label="경도" id="lng" error={err("lng")}>
              <input id="lng" type="number" step="0.000001" value={d.lng} onChange={(e) => set({ lng: Number(e.target.value) })} />
            </Field>
          </div>
          <div className="two">
            <Field label="최소 인원" id="cap-min" error={err("capacity")}>
              <input id="cap-min" type="number" min={1} value={d.min} onChange={(e) => set({ min: Number(e.target.value) })} />
            </Field>
            <Field label="최대 인원" id="cap-max" error={err("capacity")}>
              <input id="cap-max" type="number" min={1} value={d.max} onChange={(e) => set({ max: Number(e.target.value) })} />
            </Field>
          </div>
          <fieldset className="checks">
            <legend>편의시설</legend>
            {facilities.data?.map((f) => (
              <label key={f.id} className="check">
                <input
                  type="checkbox"
                  checked={d.facility_ids.includes(f.id)}
                  onChange={(e) =>
                    set({ facility_ids: e.target.checked ? [...d.facility_ids, f.id] : d.facility_ids.filter((x) => x !== f.id) })
                  }
                />
                {f.name}
              </label>
            ))}
          </fieldset>
          <label className="check">
            <input type="checkbox" checked={d.needs_approval} onChange={(e) => set({ needs_approval: e.target.checked })} /> 예약 요청을 승인한 뒤 결제받기
          </label>
          <fieldset>
            <legend>운영 시간</legend>
            {WEEKDAYS.map((w) => {
              const h = d.hours[w];
              return (
                <div key={w} className="hours-row">
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={!!h}
                      onChange={(e) => set({ hours: { ...d.hours, [w]: e.target.checked ? { open: "09:00", close: "22:00" } : undefined } })}
                    />
                    {WEEKDAY_KO[w]}요일
                  </label>
                  {h && (
                    <>
                      <select aria-label={`${WEEKDAY_KO[w]}요일 여는 시각`} value={h.open} onChange={(e) => set({ hours: { ...d.hours, [w]: { ...h, open: e.target.value } } })}>
                        {HOURS.slice(0, 24).map((x) => (
                          <option key={x}>{x}</option>
                        ))}
                      </select>
                      ~
                      <select aria-label={`${WEEKDAY_KO[w]}요일 닫는 시각`} value={h.close} onChange={(e) => set({ hours: { ...d.hours, [w]: { ...h, close: e.target.value } } })}>
                        {HOURS.slice(1).map((x) => (
                          <option key={x}>{x}</option>
                        ))}
                      </select>
                    </>
                  )}
                </div>
              );
            })}
            {err("opening_hours") && <p className="field-error">{err("opening_hours")}</p>}
          </fieldset>
          <fieldset>
            <legend>시간 단위 요금</legend>
            <label className="check">
              <input type="checkbox" checked={d.hourlyOn} onChange={(e) => set({ hourlyOn: e.target.checked })} /> 시간 단위로 판매
            </label>
            {d.hourlyOn && (
              <div className="two">
                <Field label="시간당 가격(원)" id="pph" error={err("hourly.price_per_hour") ?? err("hourly")}>
                  <input id="pph" type="number" min={0} step={1000} value={d.price_per_hour} onChange={(e) => set({ price_per_hour: Number(e.target.value) })} />
                </Field>
                <Field label="최소 이용 시간" id="min-hours" error={err("hourly.min_hours")}>
                  <input id="min-hours" type="number" min={1} max={24} value={d.min_hours} onChange={(e) => set({ min_hours: Number(e.target.value) })} />
                </Field>
              </div>
            )}
          </fieldset>
          <Packages packages={d.packages} onChange={(packages) => set({ packages })} errs={errs} />
          <Field label="환불 규정" id="refund" error={err("refund_policy")}>
            <select id="refund" value={d.refund} onChange={(e) => set({ refund: e.target.value as Draft["refund"] })}>
              <option value="flexible">유연 (이용 전날까지 전액 환불)</option>
              <option value="standard">표준</option>
              {d.refund === "custom" && <option value="custom">직접 정한 규정</option>}
            </select>
          </Field>
          {!space && (
            <fieldset>
              <legend>사진 (1~20장)</legend>
              <label htmlFor="new-photos">사진 추가</label>
              <input
                id="new-photos"
                type="file"
                accept="image/jpeg,image/png,image/webp"
                multiple
                onChange={(e) => {
                  const picked = [...(e.target.files ?? [])].map((file, i) => ({ key: `${Date.now()}-${i}-${file.name}`, file, url: URL.createObjectURL(file) }));
                  setFiles((f) => [...f, ...picked].slice(0, 20));
                  e.target.value = "";
                }}
              />
              <PhotoList
                photos={files.map((f, i) => ({ key: f.key, src: f.url, label: `사진 ${i + 1}` }))}
                onReorder={(keys) => setFiles((f) => keys.map((k) => f.find((x) => x.key === k)!))}
                onRemove={(key) => setFiles((f) => f.filter((x) => x.key !== key))}
              />
              {(errs["photos"] || Object.keys(errs).some((k) => k.startsWith("photos"))) && (
                <p className="field-error">{errs["photos"] ?? "사진을 확인하세요"}</p>
              )}
            </fieldset>
          )}
          <button type="submit" className="primary wide" disabled={save.isPending}>
            {save.isPending ? "저장하는 중…" : space ? "변경 내용 저장" : "공간 등록"}
          </button>
        </form>
      )}
    </section>
  );
}

function Packages({ packages, onChange, errs }: { packages: PackageInput[]; onChange: (p: PackageInput[]) => void; errs: Record<string, string> }) {
  const update = (i: number, patch: Partial<PackageInput>) => onChange(packages.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <fieldset>
      <legend>패키지</legend>
      {packages.map((p, i) => {
        const e = (f: string) => errs[`listing.packages[${i}].${f}`] ?? errs[`packages[${i}].${f}`];
        return (
          <div key={i} className="package-row">
            <Field label={`패키지 ${i + 1} 이름`} id={`pkg-${i}-name`} error={e("name")}>
              <input id={`pkg-${i}-name`} value={p.name} onChange={(ev) => update(i, { name: ev.target.value })} />
            </Field>
            <Field label="시작" id={`pkg-${i}-start`} error={e("start")}>
              <select id={`pkg-${i}-start`} value={p.start} onChange={(ev) => update(i, { start: ev.target.value })}>
                {HOURS.slice(0, 24).map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </select>
            </Field>
            <Field label="종료" id={`pkg-${i}-end`} error={e("end")}>
              <select id={`pkg-${i}-end`} value={p.end} onChange={(ev) => update(i, { end: ev.target.value })}>
                {HOURS.slice(0, 24).map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </select>
            </Field>
            <Field label="가격(원)" id={`pkg-${i}-price`} error={e("price")}>
              <input id={`pkg-${i}-price`} type="number" min={0} step={1000} value={p.price} onChange={(ev) => update(i, { price: Number(ev.target.value) })} />
            </Field>
            <fieldset className="checks">
              <legend>요일</legend>
              {WEEKDAYS.map((w) => (
                <label key={w} className="check">
                  <input
                    type="checkbox"
                    checked={p.weekdays?.includes(w) ?? false}
                    onChange={(ev) =>
                      update(i, { weekdays: ev.target.checked ? [...(p.weekdays ?? []), w] : (p.weekdays ?? []).filter((x) => x !== w) })
                    }
                  />
                  {WEEKDAY_KO[w]}
                </label>
              ))}
            </fieldset>
            <button type="button" onClick={() => onChange(packages.filter((_, j) => j !== i))}>
              패키지 {i + 1} 삭제
            </button>
          </div>
        );
      })}
      <button
        type="button"
        onClick={() => onChange([...packages, { name: `패키지 ${packages.length + 1}`, start: "18:00", end: "23:00", price: 100000, weekdays: [...WEEKDAYS] }])}
      >
        패키지 추가
      </button>
    </fieldset>
  );
}

/** Photos, closed dates and status of an existing space: each saved at once. */
function SpaceAdmin({ space }: { space: SpaceDetail }) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ["host"] });
    void queryClient.invalidateQueries({ queryKey: ["spaces"] });
    queryClient.removeQueries({ queryKey: ["space", space.id] });
  };
  const path = { params: { path: { id: space.id } } };
  const photos = useMutation({
    mutationFn: async (op: { order?: number[]; remove?: number; add?: File[] }) => {
      if (op.order) return must(await api.PUT("/v1/spaces/{id}/photos/order", { ...path, body: { photo_ids: op.order } }));
      if (op.remove) return must(await api.DELETE("/v1/spaces/{id}/photos/{photoId}", { params: { path: { id: space.id, photoId: op.remove } } }));
      return must(await api.POST("/v1/spaces/{id}/photos", { ...path, body: { photos: op.add ?? [] }, bodySerializer: multipartBody }));
    },
    onSuccess: refresh,
  });
  const [closed, setClosed] = useState<string[]>(space.closed_dates);
  const [newDate, setNewDate] = useState("");
  const dates = useMutation({
    mutationFn: async (list: string[]) => must(await api.PUT("/v1/spaces/{id}/closed-dates", { ...path, body: { dates: list } })),
    onSuccess: refresh,
  });
  const status = useMutation({
    mutationFn: async (s: SpaceDetail["status"]) => must(await api.POST("/v1/spaces/{id}/status", { ...path, body: { status: s } })),
    onSuccess: refresh,
  });
  const items: PhotoItem[] = useMemo(() => space.photos.map((p, i) => ({ key: String(p.id), src: p.thumbnail_url, label: `사진 ${i + 1}` })), [space.photos]);
  const today = seoulToday();
  const retired = space.status === "retired";
  const anyError = photos.error ?? dates.error ?? status.error;
  return (
    <div className="admin">
      {anyError && (
        <p className="form-error" role="alert">
          {anyError instanceof ApiError ? problemMessage(anyError.problem) : "저장하지 못했습니다."}
        </p>
      )}
      <section aria-labelledby="status-h">
        <h2 id="status-h">공개 상태</h2>
        <p>
          지금: <strong data-testid="space-status">{{ active: "공개", hidden: "숨김", retired: "운영 종료" }[space.status]}</strong>{" "}
          {space.status === "active" && <Link to={`/spaces/${space.id}`}>공개 페이지 보기</Link>}{" "}
          <Link to={`/host/requests?space=${space.id}`}>이 공간의 예약</Link>
        </p>
        {space.status === "retired" ? (
          <p className="hint">운영을 종료한 공간은 바꿀 수 없습니다. 지난 예약은 계속 볼 수 있습니다.</p>
        ) : (
          <div className="actions">
            {space.status === "hidden" ? (
              <button type="button" onClick={() => status.mutate("active")} disabled={status.isPending}>
                다시 공개
              </button>
            ) : (
              <button type="button" onClick={() => status.mutate("hidden")} disabled={status.isPending}>
                숨기기
              </button>
            )}
            <button
              type="button"
              className="danger"
              disabled={status.isPending}
              onClick={() => confirm("운영을 종료하면 되돌릴 수 없습니다. 계속할까요?") && status.mutate("retired")}
            >
              운영 종료
            </button>
          </div>
        )}
      </section>
      <section aria-labelledby="photos-h">
        <h2 id="photos-h">사진</h2>
        <PhotoList
          photos={items}
          disabled={photos.isPending || retired}
          onReorder={(keys) => photos.mutate({ order: keys.map(Number) })}
          onRemove={(key) => photos.mutate({ remove: Number(key) })}
        />
        <label htmlFor="add-photos">사진 추가</label>
        <input
          id="add-photos"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple
          disabled={photos.isPending || retired}
          onChange={(e) => {
            if (e.target.files?.length) photos.mutate({ add: [...e.target.files] });
            e.target.value = ""; // the same file can be picked again
          }}
        />
      </section>
      <section aria-labelledby="closed-h">
        <h2 id="closed-h">휴무일</h2>
        <ul className="closed">
          {closed.map((c) => (
            <li key={c}>
              {formatDate(c)}{" "}
              {!retired && (
                <button type="button" aria-label={`${formatDate(c)} 휴무 해제`} onClick={() => setClosed(closed.filter((x) => x !== c))}>
                  ✕
                </button>
              )}
            </li>
          ))}
        </ul>
        {!retired && (
          <>
            <label htmlFor="closed-date">휴무일 추가</label>
            <input id="closed-date" type="date" min={today} max={addDays(today, 365)} value={newDate} onChange={(e) => setNewDate(e.target.value)} />
            <button type="button" disabled={!newDate} onClick={() => newDate && !closed.includes(newDate) && setClosed([...closed, newDate].sort())}>
              추가
            </button>
            <button type="button" className="primary" disabled={dates.isPending} onClick={() => dates.mutate(closed)}>
              휴무일 저장
            </button>
          </>
        )}
        {dates.isSuccess && <p role="status">휴무일을 저장했습니다.</p>}
      </section>
    </div>
  );
}
