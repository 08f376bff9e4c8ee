package seed

import (
	"context"

	"github.com/ourspace/ourspace/adapters/mysql"
)

// district is one of the 25 gu of Seoul: its centre (near the gu office) and
// the stations and roads titles and addresses are made of.
type district struct {
	slug, name string
	lat, lng   float64
	weight     int // how many spaces it gets, relative to the others
	stations   []string
	roads      []string
}

// districts are stored with ids 1..25 in this order.
var districts = []district{
	{"gangnam", "강남구", 37.5172, 127.0473, 12, []string{"강남역", "역삼역", "신논현역", "압구정역", "선릉역"}, []string{"테헤란로", "강남대로", "논현로", "도산대로", "봉은사로"}},
	{"gangdong", "강동구", 37.5301, 127.1238, 2, []string{"천호역", "강동역", "길동역"}, []string{"천호대로", "올림픽로", "양재대로"}},
	{"gangbuk", "강북구", 37.6397, 127.0257, 2, []string{"수유역", "미아역", "미아사거리역"}, []string{"도봉로", "삼양로", "솔매로"}},
	{"gangseo", "강서구", 37.5509, 126.8495, 3, []string{"발산역", "마곡역", "화곡역"}, []string{"공항대로", "강서로", "화곡로"}},
	{"gwanak", "관악구", 37.4784, 126.9516, 4, []string{"서울대입구역", "신림역", "봉천역"}, []string{"관악로", "남부순환로", "신림로"}},
	{"gwangjin", "광진구", 37.5385, 127.0823, 5, []string{"건대입구역", "구의역", "군자역"}, []string{"능동로", "아차산로", "광나루로"}},
	{"guro", "구로구", 37.4955, 126.8875, 3, []string{"구로디지털단지역", "신도림역", "구로역"}, []string{"디지털로", "구로중앙로", "경인로"}},
	{"geumcheon", "금천구", 37.4569, 126.8955, 2, []string{"가산디지털단지역", "독산역", "금천구청역"}, []string{"가산디지털1로", "시흥대로", "벚꽃로"}},
	{"nowon", "노원구", 37.6542, 127.0568, 2, []string{"노원역", "상계역", "공릉역"}, []string{"동일로", "노해로", "상계로"}},
	{"dobong", "도봉구", 37.6688, 127.0471, 2, []string{"창동역", "쌍문역", "도봉역"}, []string{"도봉로", "마들로", "노해로"}},
	{"dongdaemun", "동대문구", 37.5744, 127.0400, 3, []string{"회기역", "청량리역", "신설동역"}, []string{"왕산로", "회기로", "천호대로"}},
	{"dongjak", "동작구", 37.5124, 126.9393, 3, []string{"노량진역", "사당역", "이수역"}, []string{"노량진로", "상도로", "동작대로"}},
	{"mapo", "마포구", 37.5663, 126.9019, 12, []string{"홍대입구역", "합정역", "망원역", "상수역", "공덕역"}, []string{"와우산로", "양화로", "월드컵로", "독막로", "마포대로"}},
	{"seodaemun", "서대문구", 37.5791, 126.9368, 4, []string{"신촌역", "이대역", "충정로역"}, []string{"연세로", "신촌로", "통일로"}},
	{"seocho", "서초구", 37.4837, 127.0324, 6, []string{"교대역", "서초역", "양재역", "방배역"}, []string{"서초대로", "반포대로", "강남대로", "방배로"}},
	{"seongdong", "성동구", 37.5633, 127.0371, 6, []string{"성수역", "왕십리역", "뚝섬역", "서울숲역"}, []string{"왕십리로", "성수이로", "아차산로", "연무장길"}},
	{"seongbuk", "성북구", 37.5894, 127.0167, 3, []string{"성신여대입구역", "한성대입구역", "고려대역"}, []string{"보문로", "동소문로", "안암로"}},
	{"songpa", "송파구", 37.5145, 127.1059, 6, []string{"잠실역", "석촌역", "가락시장역", "송파역"}, []string{"올림픽로", "송파대로", "백제고분로"}},
	{"yangcheon", "양천구", 37.5170, 126.8665, 2, []string{"목동역", "오목교역", "신정역"}, []string{"목동로", "오목로", "신월로"}},
	{"yeongdeungpo", "영등포구", 37.5264, 126.8962, 6, []string{"영등포역", "여의도역", "당산역", "문래역"}, []string{"여의대로", "국제금융로", "당산로", "도림로"}},
	{"yongsan", "용산구", 37.5324, 126.9900, 5, []string{"이태원역", "용산역", "한남역", "숙대입구역"}, []string{"이태원로", "한강대로", "녹사평대로"}},
	{"eunpyeong", "은평구", 37.6027, 126.9291, 2, []string{"연신내역", "불광역", "응암역"}, []string{"통일로", "연서로", "은평로"}},
	{"jongno", "종로구", 37.5735, 126.9790, 5, []string{"종각역", "혜화역", "안국역", "광화문역"}, []string{"종로", "율곡로", "대학로", "삼일대로"}},
	{"jung", "중구", 37.5641, 126.9979, 5, []string{"을지로입구역", "명동역", "충무로역", "시청역"}, []string{"을지로", "퇴계로", "세종대로"}},
	{"jungnang", "중랑구", 37.6063, 127.0925, 2, []string{"상봉역", "중화역", "면목역"}, []string{"망우로", "동일로", "면목로"}},
}

// premium districts charge more by the hour.
var premium = map[string]bool{"gangnam": true, "seocho": true, "mapo": true, "yongsan": true, "seongdong": true, "jung": true, "jongno": true}

// Pricing modes of a category, as weights.
const (
	modeHourly = iota
	modePackages
	modeBoth
)

// category is a kind of space and how such spaces usually look: capacity
// ranges, hourly price range (thousands of won), minimum hours and how they
// are sold.
type category struct {
	slug, name      string
	weight          int
	nouns           []string // words a title calls the space by
	minCap, maxCap  [2]int   // ranges the capacity's min and max are drawn from
	hourly          [2]int   // thousand won per hour
	minHours        [2]int
	modes           [3]int // weights of hourly only, packages only, both
	tagline         []string
	sentences       []string
	facilityWeights [10]int // by facility position
}

// categories are stored with ids 1..8 in this order.
var categories = []category{
	{slug: "party-room", name: "파티룸", weight: 22,
		nouns: []string{"파티룸", "파티룸", "파티공간", "루프탑 파티룸"}, minCap: [2]int{2, 4}, maxCap: [2]int{6, 30}, hourly: [2]int{20, 50}, minHours: [2]int{2, 4},
		modes:           [3]int{20, 45, 35},
		tagline:         []string{"생일·브라이덜샤워·소규모 파티", "연말 모임과 홈파티에 딱", "감성 조명과 포토존 완비", "프라이빗 파티를 위한 공간"},
		sentences:       []string{"생일파티, 브라이덜샤워, 연말 모임까지 어떤 파티도 즐겁게 하실 수 있어요.", "감성 조명과 포토존이 마련되어 있어 사진이 예쁘게 나옵니다.", "블루투스 스피커와 빔프로젝터로 영화도 보실 수 있어요.", "음식 반입이 자유롭고 기본 식기가 준비되어 있습니다.", "밤 10시 이후에는 이웃을 위해 음량을 줄여 주세요."},
		facilityWeights: [10]int{8, 10, 3, 3, 8, 4, 6, 1, 7, 2}},
	{slug: "practice-room", name: "연습실", weight: 14,
		nouns: []string{"댄스연습실", "연습실", "연습실", "무용 연습실"}, minCap: [2]int{1, 2}, maxCap: [2]int{4, 20}, hourly: [2]int{10, 30}, minHours: [2]int{1, 2},
		modes:           [3]int{65, 10, 25},
		tagline:         []string{"전면 거울과 방음 시설", "댄스·필라테스·요가 연습", "넓은 마루와 고출력 스피커", "무인 셀프 입실"},
		sentences:       []string{"전면 거울과 우드 플로어가 깔린 넓은 연습실입니다.", "방음 시공이 되어 있어 음악을 크게 트셔도 괜찮아요.", "댄스, 필라테스, 요가 연습과 영상 촬영에 좋습니다.", "고출력 스피커와 블루투스 연결을 지원합니다.", "신발은 입구에서 갈아 신어 주세요."},
		facilityWeights: [10]int{2, 10, 1, 1, 1, 4, 1, 1, 1, 5}},
	{slug: "vocal-room", name: "보컬연습실", weight: 8,
		nouns: []string{"보컬연습실", "보컬룸", "녹음 부스"}, minCap: [2]int{1, 1}, maxCap: [2]int{2, 6}, hourly: [2]int{10, 20}, minHours: [2]int{1, 2},
		modes:           [3]int{85, 5, 10},
		tagline:         []string{"완벽 방음 보컬 부스", "콘덴서 마이크와 오디오 인터페이스", "입시·오디션 준비생 환영"},
		sentences:       []string{"완벽 방음 처리된 보컬 전용 연습실입니다.", "콘덴서 마이크와 오디오 인터페이스로 바로 녹음하실 수 있어요.", "입시, 오디션 준비생분들이 많이 찾으시는 공간입니다.", "모니터 스피커와 헤드폰이 준비되어 있습니다."},
		facilityWeights: [10]int{1, 10, 1, 1, 1, 3, 1, 1, 1, 1}},
	{slug: "study-room", name: "스터디룸", weight: 16,
		nouns: []string{"스터디룸", "스터디룸", "스터디카페 룸", "그룹 스터디룸"}, minCap: [2]int{1, 2}, maxCap: [2]int{4, 12}, hourly: [2]int{10, 25}, minHours: [2]int{1, 2},
		modes:           [3]int{80, 5, 15},
		tagline:         []string{"조용한 그룹 스터디 공간", "화이트보드와 모니터 완비", "취업·자격증 스터디 모임"},
		sentences:       []string{"조용한 분위기에서 그룹 스터디를 하실 수 있는 공간입니다.", "화이트보드와 대형 모니터가 준비되어 있어요.", "무료 음료와 다과가 제공됩니다.", "취업, 자격증, 면접 스터디 모임에 많이 이용하십니다."},
		facilityWeights: [10]int{4, 10, 1, 1, 1, 3, 4, 9, 1, 1}},
	{slug: "photo-studio", name: "촬영스튜디오", weight: 12,
		nouns: []string{"촬영스튜디오", "호리존 스튜디오", "자연광 스튜디오", "렌탈 스튜디오"}, minCap: [2]int{1, 3}, maxCap: [2]int{5, 30}, hourly: [2]int{25, 60}, minHours: [2]int{1, 3},
		modes:           [3]int{65, 10, 25},
		tagline:         []string{"자연광 가득한 화이트 호리존", "제품·프로필·유튜브 촬영", "조명 장비 무료 대여"},
		sentences:       []string{"남향 통창으로 자연광이 가득 들어오는 스튜디오입니다.", "화이트 호리존과 다양한 배경지를 준비해 두었습니다.", "지속광, 스트로보 등 조명 장비를 무료로 대여해 드려요.", "제품, 프로필, 유튜브 촬영에 많이 이용하십니다.", "메이크업 공간과 탈의실이 따로 있습니다."},
		facilityWeights: [10]int{2, 10, 4, 1, 1, 7, 2, 1, 2, 3}},
	{slug: "meeting-room", name: "회의실", weight: 14,
		nouns: []string{"회의실", "회의실", "미팅룸", "비즈니스 라운지"}, minCap: [2]int{2, 4}, maxCap: [2]int{6, 30}, hourly: [2]int{15, 40}, minHours: [2]int{1, 2},
		modes:           [3]int{70, 5, 25},
		tagline:         []string{"역세권 프라이빗 미팅룸", "화상회의 장비 완비", "워크숍·인터뷰·팀 미팅"},
		sentences:       []string{"역에서 가까워 외부 손님과 미팅하기 좋은 회의실입니다.", "빔프로젝터와 화상회의 장비가 설치되어 있어요.", "워크숍, 인터뷰, 팀 미팅에 알맞은 규모입니다.", "커피와 생수를 무료로 드립니다."},
		facilityWeights: [10]int{6, 10, 1, 1, 1, 6, 9, 9, 2, 1}},
	{slug: "seminar-room", name: "세미나실", weight: 6,
		nouns: []string{"세미나실", "강의실", "세미나홀", "교육장"}, minCap: [2]int{5, 10}, maxCap: [2]int{20, 150}, hourly: [2]int{30, 60}, minHours: [2]int{2, 4},
		modes:           [3]int{55, 20, 25},
		tagline:         []string{"강의·설명회·교육 행사", "무선 마이크와 대형 스크린", "최대 규모 세미나홀"},
		sentences:       []string{"강의, 설명회, 사내 교육 행사를 열기 좋은 세미나실입니다.", "대형 스크린과 무선 마이크, 음향 장비를 갖췄습니다.", "책상 배치를 강의식, 토론식으로 바꾸실 수 있어요.", "건물 내 주차가 가능합니다."},
		facilityWeights: [10]int{5, 10, 1, 1, 1, 8, 10, 8, 1, 1}},
	{slug: "instrument-room", name: "악기연습실", weight: 8,
		nouns: []string{"악기연습실", "합주실", "피아노 연습실", "드럼 연습실"}, minCap: [2]int{1, 1}, maxCap: [2]int{2, 8}, hourly: [2]int{10, 20}, minHours: [2]int{1, 2},
		modes:           [3]int{80, 5, 15},
		tagline:         []string{"그랜드 피아노 완비", "밴드 합주와 개인 연습", "방음 부스와 앰프 완비"},
		sentences:       []string{"방음이 잘 되는 악기 전용 연습실입니다.", "그랜드 피아노와 드럼 세트, 앰프가 준비되어 있어요.", "밴드 합주와 개인 연습 모두 가능합니다.", "보면대와 의자는 필요한 만큼 쓰세요."},
		facilityWeights: [10]int{1, 10, 1, 1, 1, 3, 1, 1, 1, 1}},
}

// facility is an amenity a space may have.
type facility struct{ slug, name, phrase string }

// facilities are stored with ids 1..10 in this order.
var facilities = []facility{
	{"tv", "TV", "TV"},
	{"wifi", "Wi-Fi", "무선 인터넷"},
	{"pets", "반려동물 동반", "반려동물 동반"},
	{"bed", "침대", "침대"},
	{"alcohol", "주류 허용", "주류 반입"},
	{"parking", "주차", "주차"},
	{"projector", "빔프로젝터", "빔프로젝터"},
	{"whiteboard", "화이트보드", "화이트보드"},
	{"kitchen", "주방", "주방"},
	{"shower", "샤워실", "샤워실"},
}

// IconSlugs lists, by kind (district, category, facility), the slugs of the
// icon URLs Reference writes: "/static/icons/<kind>/<slug>.svg".
var IconSlugs = map[string][]string{
	"district": each(districts, func(d district) string { return d.slug }),
	"category": each(categories, func(c category) string { return c.slug }),
	"facility": each(facilities, func(f facility) string { return f.slug }),
}

// each maps items through f.
func each[T, U any](items []T, f func(T) U) []U {
	out := make([]U, len(items))
	for i, it := range items {
		out[i] = f(it)
	}
	return out
}

func iconURL(kind, slug string) string { return "/static/icons/" + kind + "/" + slug + ".svg" }

// Reference writes the 25 districts of Seoul (ids 1–25), the 8 categories
// (ids 1–8) and the 10 facilities (ids 1–10). Fill relies on these ids.
func Reference(ctx context.Context, b mysql.Bulk) error {
	ds := make([]mysql.DistrictRow, len(districts))
	for i, d := range districts {
		ds[i] = mysql.DistrictRow{ID: int64(i + 1), Name: d.name, Lat: d.lat, Lng: d.lng, IconURL: iconURL("district", d.slug)}
	}
	cs := make([]mysql.CategoryRow, len(categories))
	for i, c := range categories {
		cs[i] = mysql.CategoryRow{ID: int64(i + 1), Name: c.name, IconURL: iconURL("category", c.slug)}
	}
	fs := make([]mysql.FacilityRow, len(facilities))
	for i, f := range facilities {
		fs[i] = mysql.FacilityRow{ID: int64(i + 1), Name: f.name, IconURL: iconURL("facility", f.slug)}
	}
	return b.Reference(ctx, ds, cs, fs)
}
