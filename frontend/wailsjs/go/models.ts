export namespace desktop {
	
	export class ActionPublication {
	    actionId: string;
	    publishedOn: string;
	    format: string;
	    formatLabel: string;
	    language: string;
	
	    static createFrom(source: any = {}) {
	        return new ActionPublication(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.actionId = source["actionId"];
	        this.publishedOn = source["publishedOn"];
	        this.format = source["format"];
	        this.formatLabel = source["formatLabel"];
	        this.language = source["language"];
	    }
	}
	export class AppInfo {
	    version: string;
	    dataDir: string;
	    dbPath: string;
	    deviceId: string;
	    userName: string;
	    schemaVersion: number;
	    referenceVersion: string;
	
	    static createFrom(source: any = {}) {
	        return new AppInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.dataDir = source["dataDir"];
	        this.dbPath = source["dbPath"];
	        this.deviceId = source["deviceId"];
	        this.userName = source["userName"];
	        this.schemaVersion = source["schemaVersion"];
	        this.referenceVersion = source["referenceVersion"];
	    }
	}
	export class AskedSet {
	    set: involve.QuestionSet;
	    translations: involve.Translation[];
	
	    static createFrom(source: any = {}) {
	        return new AskedSet(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.set = this.convertValues(source["set"], involve.QuestionSet);
	        this.translations = this.convertValues(source["translations"], involve.Translation);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BenchmarkDimension {
	    code: string;
	    label: string;
	    categories: involve.RefItem[];
	
	    static createFrom(source: any = {}) {
	        return new BenchmarkDimension(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.categories = this.convertValues(source["categories"], involve.RefItem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BenchmarkImport {
	    name: string;
	    source: string;
	    year: number;
	    dimension: string;
	    csvText: string;
	
	    static createFrom(source: any = {}) {
	        return new BenchmarkImport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.source = source["source"];
	        this.year = source["year"];
	        this.dimension = source["dimension"];
	        this.csvText = source["csvText"];
	    }
	}
	export class BenchmarkList {
	    benchmarks: involve.BenchmarkPopulation[];
	    dimensions: BenchmarkDimension[];
	
	    static createFrom(source: any = {}) {
	        return new BenchmarkList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.benchmarks = this.convertValues(source["benchmarks"], involve.BenchmarkPopulation);
	        this.dimensions = this.convertValues(source["dimensions"], BenchmarkDimension);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BoardPackResult {
	    cancelled: boolean;
	    path: string;
	    format: string;
	    title: string;
	    scope: string;
	    period: string;
	    stories: number;
	    youSaid: number;
	    bytes: number;
	
	    static createFrom(source: any = {}) {
	        return new BoardPackResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.cancelled = source["cancelled"];
	        this.path = source["path"];
	        this.format = source["format"];
	        this.title = source["title"];
	        this.scope = source["scope"];
	        this.period = source["period"];
	        this.stories = source["stories"];
	        this.youSaid = source["youSaid"];
	        this.bytes = source["bytes"];
	    }
	}
	export class ConflictSide {
	    value: string;
	    display: string;
	    by: string;
	    at: string;
	    deviceId: string;
	
	    static createFrom(source: any = {}) {
	        return new ConflictSide(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.display = source["display"];
	        this.by = source["by"];
	        this.at = source["at"];
	        this.deviceId = source["deviceId"];
	    }
	}
	export class ConflictView {
	    id: string;
	    entity: string;
	    recordId: string;
	    recordTitle: string;
	    recordDeleted: boolean;
	    sessionId: string;
	    field: string;
	    fieldLabel: string;
	    kind: string;
	    base: ConflictSide;
	    winner: ConflictSide;
	    loser: ConflictSide;
	    current: ConflictSide;
	    status: string;
	    resolution: string;
	    resolvedAt: string;
	    resolvedBy: string;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new ConflictView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.entity = source["entity"];
	        this.recordId = source["recordId"];
	        this.recordTitle = source["recordTitle"];
	        this.recordDeleted = source["recordDeleted"];
	        this.sessionId = source["sessionId"];
	        this.field = source["field"];
	        this.fieldLabel = source["fieldLabel"];
	        this.kind = source["kind"];
	        this.base = this.convertValues(source["base"], ConflictSide);
	        this.winner = this.convertValues(source["winner"], ConflictSide);
	        this.loser = this.convertValues(source["loser"], ConflictSide);
	        this.current = this.convertValues(source["current"], ConflictSide);
	        this.status = source["status"];
	        this.resolution = source["resolution"];
	        this.resolvedAt = source["resolvedAt"];
	        this.resolvedBy = source["resolvedBy"];
	        this.createdAt = source["createdAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DataCheck {
	    ok: boolean;
	    searchIndexDamaged: boolean;
	    message: string;
	    details: string;
	    checkedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new DataCheck(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.searchIndexDamaged = source["searchIndexDamaged"];
	        this.message = source["message"];
	        this.details = source["details"];
	        this.checkedAt = source["checkedAt"];
	    }
	}
	export class DueList {
	    asOf: string;
	    items: store.DueItem[];
	
	    static createFrom(source: any = {}) {
	        return new DueList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.asOf = source["asOf"];
	        this.items = this.convertValues(source["items"], store.DueItem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ExportResult {
	    path: string;
	    files: string[];
	    cancelled: boolean;
	    sessions: number;
	    feedback: number;
	    bytes: number;
	
	    static createFrom(source: any = {}) {
	        return new ExportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.files = source["files"];
	        this.cancelled = source["cancelled"];
	        this.sessions = source["sessions"];
	        this.feedback = source["feedback"];
	        this.bytes = source["bytes"];
	    }
	}
	export class KioskReceipt {
	    receivedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new KioskReceipt(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.receivedAt = source["receivedAt"];
	    }
	}
	export class SessionQuestions {
	    sessionId: string;
	    fft: boolean;
	    sets: AskedSet[];
	
	    static createFrom(source: any = {}) {
	        return new SessionQuestions(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sessionId = source["sessionId"];
	        this.fft = source["fft"];
	        this.sets = this.convertValues(source["sets"], AskedSet);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class KioskTheme {
	    id: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new KioskTheme(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.label = source["label"];
	    }
	}
	export class KioskState {
	    active: boolean;
	    sessionId: string;
	    sessionTitle: string;
	    organisation: string;
	    themes: KioskTheme[];
	    questions: SessionQuestions;
	    words: involve.Translation[];
	    received: number;
	
	    static createFrom(source: any = {}) {
	        return new KioskState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.active = source["active"];
	        this.sessionId = source["sessionId"];
	        this.sessionTitle = source["sessionTitle"];
	        this.organisation = source["organisation"];
	        this.themes = this.convertValues(source["themes"], KioskTheme);
	        this.questions = this.convertValues(source["questions"], SessionQuestions);
	        this.words = this.convertValues(source["words"], involve.Translation);
	        this.received = source["received"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class LanguageInfo {
	    code: string;
	    name: string;
	    rtl: boolean;
	    reviewed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new LanguageInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.name = source["name"];
	        this.rtl = source["rtl"];
	        this.reviewed = source["reviewed"];
	    }
	}
	export class LockState {
	    hasPassphrase: boolean;
	    locked: boolean;
	    idleMinutes: number;
	    idleSeconds: number;
	    waitSeconds: number;
	    needsPassphrase: boolean;
	    unsentChanges: number;
	    holdsSealedData: boolean;
	
	    static createFrom(source: any = {}) {
	        return new LockState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.hasPassphrase = source["hasPassphrase"];
	        this.locked = source["locked"];
	        this.idleMinutes = source["idleMinutes"];
	        this.idleSeconds = source["idleSeconds"];
	        this.waitSeconds = source["waitSeconds"];
	        this.needsPassphrase = source["needsPassphrase"];
	        this.unsentChanges = source["unsentChanges"];
	        this.holdsSealedData = source["holdsSealedData"];
	    }
	}
	export class NewContributor {
	    contributor: involve.Contributor;
	    consent: involve.Consent;
	
	    static createFrom(source: any = {}) {
	        return new NewContributor(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contributor = this.convertValues(source["contributor"], involve.Contributor);
	        this.consent = this.convertValues(source["consent"], involve.Consent);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PublishLanguage {
	    code: string;
	    name: string;
	    rtl: boolean;
	    actionIds: string[];
	    posterCannotShow: string[];
	
	    static createFrom(source: any = {}) {
	        return new PublishLanguage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.name = source["name"];
	        this.rtl = source["rtl"];
	        this.actionIds = source["actionIds"];
	        this.posterCannotShow = source["posterCannotShow"];
	    }
	}
	export class PublishRequest {
	    filter: report.Filter;
	    actionIds: string[];
	    format: string;
	    channel: string;
	    publishedOn: string;
	    note: string;
	    contact: string;
	    language: string;
	
	    static createFrom(source: any = {}) {
	        return new PublishRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.filter = this.convertValues(source["filter"], report.Filter);
	        this.actionIds = source["actionIds"];
	        this.format = source["format"];
	        this.channel = source["channel"];
	        this.publishedOn = source["publishedOn"];
	        this.note = source["note"];
	        this.contact = source["contact"];
	        this.language = source["language"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PublishResult {
	    cancelled: boolean;
	    path: string;
	    publicationId: string;
	    actions: number;
	
	    static createFrom(source: any = {}) {
	        return new PublishResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.cancelled = source["cancelled"];
	        this.path = source["path"];
	        this.publicationId = source["publicationId"];
	        this.actions = source["actions"];
	    }
	}
	export class QuestionSetSaved {
	    set: involve.QuestionSet;
	    newVersion: boolean;
	
	    static createFrom(source: any = {}) {
	        return new QuestionSetSaved(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.set = this.convertValues(source["set"], involve.QuestionSet);
	        this.newVersion = source["newVersion"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class QuestionSetSummary {
	    familyId: string;
	    id: string;
	    version: number;
	    name: string;
	    purpose: string;
	    questions: number;
	    responses: number;
	    languages: LanguageInfo[];
	    archived: boolean;
	    updatedAt: string;
	    sessionsUsing: number;
	
	    static createFrom(source: any = {}) {
	        return new QuestionSetSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.familyId = source["familyId"];
	        this.id = source["id"];
	        this.version = source["version"];
	        this.name = source["name"];
	        this.purpose = source["purpose"];
	        this.questions = source["questions"];
	        this.responses = source["responses"];
	        this.languages = this.convertValues(source["languages"], LanguageInfo);
	        this.archived = source["archived"];
	        this.updatedAt = source["updatedAt"];
	        this.sessionsUsing = source["sessionsUsing"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class QuestionSetVersion {
	    id: string;
	    version: number;
	    responses: number;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new QuestionSetVersion(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.version = source["version"];
	        this.responses = source["responses"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class QuestionSetView {
	    set: involve.QuestionSet;
	    answered: boolean;
	    newest: boolean;
	    versions: QuestionSetVersion[];
	    translations: involve.Translation[];
	
	    static createFrom(source: any = {}) {
	        return new QuestionSetView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.set = this.convertValues(source["set"], involve.QuestionSet);
	        this.answered = source["answered"];
	        this.newest = source["newest"];
	        this.versions = this.convertValues(source["versions"], QuestionSetVersion);
	        this.translations = this.convertValues(source["translations"], involve.Translation);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReachSummary {
	    sessions: number;
	    sessionsCounted: number;
	    peopleReached: report.Count;
	    formsReturned: report.Count;
	    profiles: report.Count;
	    boroughsCovered: involve.RefItem[];
	    ethnicMinority: report.Percent;
	    core20: report.Percent;
	    dimensions: report.Dimension[];
	    suppressionRule: string;
	
	    static createFrom(source: any = {}) {
	        return new ReachSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sessions = source["sessions"];
	        this.sessionsCounted = source["sessionsCounted"];
	        this.peopleReached = this.convertValues(source["peopleReached"], report.Count);
	        this.formsReturned = this.convertValues(source["formsReturned"], report.Count);
	        this.profiles = this.convertValues(source["profiles"], report.Count);
	        this.boroughsCovered = this.convertValues(source["boroughsCovered"], involve.RefItem);
	        this.ethnicMinority = this.convertValues(source["ethnicMinority"], report.Percent);
	        this.core20 = this.convertValues(source["core20"], report.Percent);
	        this.dimensions = this.convertValues(source["dimensions"], report.Dimension);
	        this.suppressionRule = source["suppressionRule"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RejectedChange {
	    changeId: string;
	    entity: string;
	    recordId: string;
	    recordTitle: string;
	    sessionId: string;
	    reason: string;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new RejectedChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.changeId = source["changeId"];
	        this.entity = source["entity"];
	        this.recordId = source["recordId"];
	        this.recordTitle = source["recordTitle"];
	        this.sessionId = source["sessionId"];
	        this.reason = source["reason"];
	        this.at = source["at"];
	    }
	}
	export class SearchAnswer {
	    results: involve.SearchResult[];
	    didYouMean: string;
	    notYetSearchable: number;
	
	    static createFrom(source: any = {}) {
	        return new SearchAnswer(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.results = this.convertValues(source["results"], involve.SearchResult);
	        this.didYouMean = source["didYouMean"];
	        this.notYetSearchable = source["notYetSearchable"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class StandardsOverview {
	    assessments: store.StandardsAssessmentItem[];
	    overTime: report.StandardsTimeline;
	    ratings: involve.RefItem[];
	
	    static createFrom(source: any = {}) {
	        return new StandardsOverview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.assessments = this.convertValues(source["assessments"], store.StandardsAssessmentItem);
	        this.overTime = this.convertValues(source["overTime"], report.StandardsTimeline);
	        this.ratings = this.convertValues(source["ratings"], involve.RefItem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class StartupState {
	    status: string;
	    message: string;
	    dataDir: string;
	    backups: store.BackupInfo[];
	    kiosk: boolean;
	    repairable: boolean;
	
	    static createFrom(source: any = {}) {
	        return new StartupState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.message = source["message"];
	        this.dataDir = source["dataDir"];
	        this.backups = this.convertValues(source["backups"], store.BackupInfo);
	        this.kiosk = source["kiosk"];
	        this.repairable = source["repairable"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SubjectAccessResult {
	    cancelled: boolean;
	    folder: string;
	    html: string;
	    json: string;
	    consents: number;
	    timeEntries: number;
	    sessions: number;
	
	    static createFrom(source: any = {}) {
	        return new SubjectAccessResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.cancelled = source["cancelled"];
	        this.folder = source["folder"];
	        this.html = source["html"];
	        this.json = source["json"];
	        this.consents = source["consents"];
	        this.timeEntries = source["timeEntries"];
	        this.sessions = source["sessions"];
	    }
	}
	export class SyncProgress {
	    phase: string;
	    done: number;
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new SyncProgress(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.phase = source["phase"];
	        this.done = source["done"];
	        this.total = source["total"];
	    }
	}
	export class SyncStatus {
	    state: string;
	    connected: boolean;
	    serverUrl: string;
	    teamName: string;
	    deviceName: string;
	    role: string;
	    lastSyncedAt: string;
	    lastAttemptAt: string;
	    nextAttemptAt: string;
	    pending: number;
	    rejected: number;
	    conflicts: number;
	    message: string;
	    progress?: SyncProgress;
	
	    static createFrom(source: any = {}) {
	        return new SyncStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.state = source["state"];
	        this.connected = source["connected"];
	        this.serverUrl = source["serverUrl"];
	        this.teamName = source["teamName"];
	        this.deviceName = source["deviceName"];
	        this.role = source["role"];
	        this.lastSyncedAt = source["lastSyncedAt"];
	        this.lastAttemptAt = source["lastAttemptAt"];
	        this.nextAttemptAt = source["nextAttemptAt"];
	        this.pending = source["pending"];
	        this.rejected = source["rejected"];
	        this.conflicts = source["conflicts"];
	        this.message = source["message"];
	        this.progress = this.convertValues(source["progress"], SyncProgress);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TrustedCA {
	    present: boolean;
	    subject: string;
	    fingerprint: string;
	    notAfter: string;
	    certificates: number;
	
	    static createFrom(source: any = {}) {
	        return new TrustedCA(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.present = source["present"];
	        this.subject = source["subject"];
	        this.fingerprint = source["fingerprint"];
	        this.notAfter = source["notAfter"];
	        this.certificates = source["certificates"];
	    }
	}
	export class Welcome {
	    show: boolean;
	    dataDir: string;
	    dbPath: string;
	    backupDir: string;
	    version: string;
	
	    static createFrom(source: any = {}) {
	        return new Welcome(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.show = source["show"];
	        this.dataDir = source["dataDir"];
	        this.dbPath = source["dbPath"];
	        this.backupDir = source["backupDir"];
	        this.version = source["version"];
	    }
	}
	export class YouSaidWeDidPreview {
	    team: string;
	    contact: string;
	    period: string;
	    project: string;
	    made: string;
	    items: publish.Item[];
	    withheld: number;
	    languages: PublishLanguage[];
	
	    static createFrom(source: any = {}) {
	        return new YouSaidWeDidPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.team = source["team"];
	        this.contact = source["contact"];
	        this.period = source["period"];
	        this.project = source["project"];
	        this.made = source["made"];
	        this.items = this.convertValues(source["items"], publish.Item);
	        this.withheld = source["withheld"];
	        this.languages = this.convertValues(source["languages"], PublishLanguage);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace involve {
	
	export class Action {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    feedbackIds: string[];
	    themeId: string;
	    projectId: string;
	    sessionId: string;
	    youSaid: string;
	    weDid: string;
	    owner: string;
	    due: string;
	    status: string;
	    reasonNotPossible: string;
	    decisionInfluenced: string;
	    communicatedOn: string;
	    channel: string;
	    published: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Action(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.feedbackIds = source["feedbackIds"];
	        this.themeId = source["themeId"];
	        this.projectId = source["projectId"];
	        this.sessionId = source["sessionId"];
	        this.youSaid = source["youSaid"];
	        this.weDid = source["weDid"];
	        this.owner = source["owner"];
	        this.due = source["due"];
	        this.status = source["status"];
	        this.reasonNotPossible = source["reasonNotPossible"];
	        this.decisionInfluenced = source["decisionInfluenced"];
	        this.communicatedOn = source["communicatedOn"];
	        this.channel = source["channel"];
	        this.published = source["published"];
	    }
	}
	export class ActionFeedback {
	    id: string;
	    sessionId: string;
	    sessionTitle: string;
	    text: string;
	    missing: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ActionFeedback(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.sessionId = source["sessionId"];
	        this.sessionTitle = source["sessionTitle"];
	        this.text = source["text"];
	        this.missing = source["missing"];
	    }
	}
	export class ActionView {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    feedbackIds: string[];
	    themeId: string;
	    projectId: string;
	    sessionId: string;
	    youSaid: string;
	    weDid: string;
	    owner: string;
	    due: string;
	    status: string;
	    reasonNotPossible: string;
	    decisionInfluenced: string;
	    communicatedOn: string;
	    channel: string;
	    published: boolean;
	    overdue: boolean;
	    feedback: ActionFeedback[];
	    themeLabel: string;
	    projectName: string;
	    sessionTitle: string;
	
	    static createFrom(source: any = {}) {
	        return new ActionView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.feedbackIds = source["feedbackIds"];
	        this.themeId = source["themeId"];
	        this.projectId = source["projectId"];
	        this.sessionId = source["sessionId"];
	        this.youSaid = source["youSaid"];
	        this.weDid = source["weDid"];
	        this.owner = source["owner"];
	        this.due = source["due"];
	        this.status = source["status"];
	        this.reasonNotPossible = source["reasonNotPossible"];
	        this.decisionInfluenced = source["decisionInfluenced"];
	        this.communicatedOn = source["communicatedOn"];
	        this.channel = source["channel"];
	        this.published = source["published"];
	        this.overdue = source["overdue"];
	        this.feedback = this.convertValues(source["feedback"], ActionFeedback);
	        this.themeLabel = source["themeLabel"];
	        this.projectName = source["projectName"];
	        this.sessionTitle = source["sessionTitle"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ActionColumn {
	    status: string;
	    label: string;
	    actions: ActionView[];
	
	    static createFrom(source: any = {}) {
	        return new ActionColumn(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.label = source["label"];
	        this.actions = this.convertValues(source["actions"], ActionView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ActionFilter {
	    status: string;
	    projectId: string;
	    sessionId: string;
	    feedbackId: string;
	
	    static createFrom(source: any = {}) {
	        return new ActionFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.projectId = source["projectId"];
	        this.sessionId = source["sessionId"];
	        this.feedbackId = source["feedbackId"];
	    }
	}
	
	export class PendingFeedback {
	    id: string;
	    sessionId: string;
	    sessionTitle: string;
	    sessionDate: string;
	    text: string;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new PendingFeedback(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.sessionId = source["sessionId"];
	        this.sessionTitle = source["sessionTitle"];
	        this.sessionDate = source["sessionDate"];
	        this.text = source["text"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class ActionsBoard {
	    today: string;
	    columns: ActionColumn[];
	    overdue: number;
	    needsResponse: PendingFeedback[];
	    needsResponseTotal: number;
	
	    static createFrom(source: any = {}) {
	        return new ActionsBoard(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.today = source["today"];
	        this.columns = this.convertValues(source["columns"], ActionColumn);
	        this.overdue = source["overdue"];
	        this.needsResponse = this.convertValues(source["needsResponse"], PendingFeedback);
	        this.needsResponseTotal = source["needsResponseTotal"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Answer {
	    q: string;
	    choices?: string[];
	    text?: string;
	    number?: number;
	    preferNot?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Answer(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.q = source["q"];
	        this.choices = source["choices"];
	        this.text = source["text"];
	        this.number = source["number"];
	        this.preferNot = source["preferNot"];
	    }
	}
	export class Attendee {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    sessionId: string;
	    ageBand: string;
	    sex: string;
	    genderSameAsBirth: string;
	    ethnicity: string;
	    disability: string;
	    sexualOrientation: string;
	    religion: string;
	    unpaidCarer: string;
	    borough: string;
	    imdDecile: string;
	    plusGroups: string[];
	
	    static createFrom(source: any = {}) {
	        return new Attendee(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.sessionId = source["sessionId"];
	        this.ageBand = source["ageBand"];
	        this.sex = source["sex"];
	        this.genderSameAsBirth = source["genderSameAsBirth"];
	        this.ethnicity = source["ethnicity"];
	        this.disability = source["disability"];
	        this.sexualOrientation = source["sexualOrientation"];
	        this.religion = source["religion"];
	        this.unpaidCarer = source["unpaidCarer"];
	        this.borough = source["borough"];
	        this.imdDecile = source["imdDecile"];
	        this.plusGroups = source["plusGroups"];
	    }
	}
	export class BenchmarkShare {
	    category: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new BenchmarkShare(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.category = source["category"];
	        this.count = source["count"];
	    }
	}
	export class BenchmarkPopulation {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    name: string;
	    source: string;
	    year: number;
	    dimension: string;
	    shares: BenchmarkShare[];
	
	    static createFrom(source: any = {}) {
	        return new BenchmarkPopulation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.name = source["name"];
	        this.source = source["source"];
	        this.year = source["year"];
	        this.dimension = source["dimension"];
	        this.shares = this.convertValues(source["shares"], BenchmarkShare);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Choice {
	    code: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new Choice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	    }
	}
	export class Consent {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    subjectEntity: string;
	    subjectId: string;
	    purposes: string[];
	    lawfulBasis: string;
	    specialCondition: string;
	    noticeVersion: string;
	    method: string;
	    givenAt: string;
	    givenBy: string;
	    capturedBy: string;
	    withdrawnAt?: string;
	    withdrawnBy?: string;
	    erasedAt?: string;
	
	    static createFrom(source: any = {}) {
	        return new Consent(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.subjectEntity = source["subjectEntity"];
	        this.subjectId = source["subjectId"];
	        this.purposes = source["purposes"];
	        this.lawfulBasis = source["lawfulBasis"];
	        this.specialCondition = source["specialCondition"];
	        this.noticeVersion = source["noticeVersion"];
	        this.method = source["method"];
	        this.givenAt = source["givenAt"];
	        this.givenBy = source["givenBy"];
	        this.capturedBy = source["capturedBy"];
	        this.withdrawnAt = source["withdrawnAt"];
	        this.withdrawnBy = source["withdrawnBy"];
	        this.erasedAt = source["erasedAt"];
	    }
	}
	export class Contributor {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    name: string;
	    contactPreference: string;
	    contactDetails: string;
	    accessNeeds: string;
	    role: string;
	    agreementStart: string;
	    agreementEnd: string;
	    livedExperience: string[];
	    paymentPreference: string;
	    declinesPayment: boolean;
	    publicSectorEmployee: boolean;
	    benefitsAdviceOffered: boolean;
	    number: number;
	    consentWithdrawnAt?: string;
	    erasedAt?: string;
	
	    static createFrom(source: any = {}) {
	        return new Contributor(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.name = source["name"];
	        this.contactPreference = source["contactPreference"];
	        this.contactDetails = source["contactDetails"];
	        this.accessNeeds = source["accessNeeds"];
	        this.role = source["role"];
	        this.agreementStart = source["agreementStart"];
	        this.agreementEnd = source["agreementEnd"];
	        this.livedExperience = source["livedExperience"];
	        this.paymentPreference = source["paymentPreference"];
	        this.declinesPayment = source["declinesPayment"];
	        this.publicSectorEmployee = source["publicSectorEmployee"];
	        this.benefitsAdviceOffered = source["benefitsAdviceOffered"];
	        this.number = source["number"];
	        this.consentWithdrawnAt = source["consentWithdrawnAt"];
	        this.erasedAt = source["erasedAt"];
	    }
	}
	export class ContributorView {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    name: string;
	    contactPreference: string;
	    contactDetails: string;
	    accessNeeds: string;
	    role: string;
	    agreementStart: string;
	    agreementEnd: string;
	    livedExperience: string[];
	    paymentPreference: string;
	    declinesPayment: boolean;
	    publicSectorEmployee: boolean;
	    benefitsAdviceOffered: boolean;
	    number: number;
	    consentWithdrawnAt?: string;
	    erasedAt?: string;
	    pseudonym: string;
	    withdrawn: boolean;
	    purposes: string[];
	    canRecontact: boolean;
	    canUsePhotos: boolean;
	    canQuote: boolean;
	    consents: number;
	
	    static createFrom(source: any = {}) {
	        return new ContributorView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.name = source["name"];
	        this.contactPreference = source["contactPreference"];
	        this.contactDetails = source["contactDetails"];
	        this.accessNeeds = source["accessNeeds"];
	        this.role = source["role"];
	        this.agreementStart = source["agreementStart"];
	        this.agreementEnd = source["agreementEnd"];
	        this.livedExperience = source["livedExperience"];
	        this.paymentPreference = source["paymentPreference"];
	        this.declinesPayment = source["declinesPayment"];
	        this.publicSectorEmployee = source["publicSectorEmployee"];
	        this.benefitsAdviceOffered = source["benefitsAdviceOffered"];
	        this.number = source["number"];
	        this.consentWithdrawnAt = source["consentWithdrawnAt"];
	        this.erasedAt = source["erasedAt"];
	        this.pseudonym = source["pseudonym"];
	        this.withdrawn = source["withdrawn"];
	        this.purposes = source["purposes"];
	        this.canRecontact = source["canRecontact"];
	        this.canUsePhotos = source["canUsePhotos"];
	        this.canQuote = source["canQuote"];
	        this.consents = source["consents"];
	    }
	}
	export class Erasure {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    subjectEntity: string;
	    subjectId: string;
	    number: number;
	    erasedBy: string;
	    requestId: string;
	
	    static createFrom(source: any = {}) {
	        return new Erasure(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.subjectEntity = source["subjectEntity"];
	        this.subjectId = source["subjectId"];
	        this.number = source["number"];
	        this.erasedBy = source["erasedBy"];
	        this.requestId = source["requestId"];
	    }
	}
	export class ErasureSummary {
	    subjectEntity: string;
	    subjectId: string;
	    title: string;
	    pseudonym: string;
	    destroyed: string[];
	    kept: string[];
	    consents: number;
	    timeEntries: number;
	    conflicts: number;
	    actions: number;
	    backups: number;
	
	    static createFrom(source: any = {}) {
	        return new ErasureSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.subjectEntity = source["subjectEntity"];
	        this.subjectId = source["subjectId"];
	        this.title = source["title"];
	        this.pseudonym = source["pseudonym"];
	        this.destroyed = source["destroyed"];
	        this.kept = source["kept"];
	        this.consents = source["consents"];
	        this.timeEntries = source["timeEntries"];
	        this.conflicts = source["conflicts"];
	        this.actions = source["actions"];
	        this.backups = source["backups"];
	    }
	}
	export class ErasureResult {
	    erasure: Erasure;
	    summary: ErasureSummary;
	    backupsRewritten: string[];
	    backupsDeleted: string[];
	
	    static createFrom(source: any = {}) {
	        return new ErasureResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.erasure = this.convertValues(source["erasure"], Erasure);
	        this.summary = this.convertValues(source["summary"], ErasureSummary);
	        this.backupsRewritten = source["backupsRewritten"];
	        this.backupsDeleted = source["backupsDeleted"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class FeePreview {
	    rateCardId: string;
	    rateTitle: string;
	    ratePence: number;
	    unit: string;
	    minutes: number;
	    feePence: number;
	    feeDuePence: number;
	    declined: boolean;
	    problem: string;
	
	    static createFrom(source: any = {}) {
	        return new FeePreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rateCardId = source["rateCardId"];
	        this.rateTitle = source["rateTitle"];
	        this.ratePence = source["ratePence"];
	        this.unit = source["unit"];
	        this.minutes = source["minutes"];
	        this.feePence = source["feePence"];
	        this.feeDuePence = source["feeDuePence"];
	        this.declined = source["declined"];
	        this.problem = source["problem"];
	    }
	}
	export class Feedback {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    sessionId: string;
	    text: string;
	    rating?: number;
	    themes: string[];
	    source: string;
	    quoteConsent: boolean;
	    needsResponse: boolean;
	    ageBand: string;
	    ethnicGroup: string;
	    borough: string;
	    answered: boolean;
	    capturedBy: string;
	
	    static createFrom(source: any = {}) {
	        return new Feedback(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.sessionId = source["sessionId"];
	        this.text = source["text"];
	        this.rating = source["rating"];
	        this.themes = source["themes"];
	        this.source = source["source"];
	        this.quoteConsent = source["quoteConsent"];
	        this.needsResponse = source["needsResponse"];
	        this.ageBand = source["ageBand"];
	        this.ethnicGroup = source["ethnicGroup"];
	        this.borough = source["borough"];
	        this.answered = source["answered"];
	        this.capturedBy = source["capturedBy"];
	    }
	}
	export class FeedbackInput {
	    sessionId: string;
	    text: string;
	    rating?: number;
	    themes: string[];
	    source: string;
	    quoteConsent: boolean;
	    needsResponse: boolean;
	    ageBand: string;
	    ethnicGroup: string;
	    borough: string;
	    answered: boolean;
	
	    static createFrom(source: any = {}) {
	        return new FeedbackInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sessionId = source["sessionId"];
	        this.text = source["text"];
	        this.rating = source["rating"];
	        this.themes = source["themes"];
	        this.source = source["source"];
	        this.quoteConsent = source["quoteConsent"];
	        this.needsResponse = source["needsResponse"];
	        this.ageBand = source["ageBand"];
	        this.ethnicGroup = source["ethnicGroup"];
	        this.borough = source["borough"];
	        this.answered = source["answered"];
	    }
	}
	export class HomeCounts {
	    projects: number;
	    sessions: number;
	    feedback: number;
	    feedbackToday: number;
	    needsResponse: number;
	
	    static createFrom(source: any = {}) {
	        return new HomeCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.projects = source["projects"];
	        this.sessions = source["sessions"];
	        this.feedback = source["feedback"];
	        this.feedbackToday = source["feedbackToday"];
	        this.needsResponse = source["needsResponse"];
	    }
	}
	export class SessionSummary {
	    id: string;
	    title: string;
	    date: string;
	    startTime: string;
	    type: string;
	    borough: string;
	    status: string;
	    projectId: string;
	    projectName: string;
	    feedbackCount: number;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new SessionSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.date = source["date"];
	        this.startTime = source["startTime"];
	        this.type = source["type"];
	        this.borough = source["borough"];
	        this.status = source["status"];
	        this.projectId = source["projectId"];
	        this.projectName = source["projectName"];
	        this.feedbackCount = source["feedbackCount"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class Home {
	    today: SessionSummary[];
	    recent: SessionSummary[];
	    counts: HomeCounts;
	
	    static createFrom(source: any = {}) {
	        return new Home(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.today = this.convertValues(source["today"], SessionSummary);
	        this.recent = this.convertValues(source["recent"], SessionSummary);
	        this.counts = this.convertValues(source["counts"], HomeCounts);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ResponseInput {
	    questionSetId: string;
	    language: string;
	    answers: Answer[];
	
	    static createFrom(source: any = {}) {
	        return new ResponseInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.questionSetId = source["questionSetId"];
	        this.language = source["language"];
	        this.answers = this.convertValues(source["answers"], Answer);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class KioskFeedbackInput {
	    text: string;
	    rating?: number;
	    themes: string[];
	    ageBand: string;
	    ethnicGroup: string;
	    borough: string;
	    responses: ResponseInput[];
	
	    static createFrom(source: any = {}) {
	        return new KioskFeedbackInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.text = source["text"];
	        this.rating = source["rating"];
	        this.themes = source["themes"];
	        this.ageBand = source["ageBand"];
	        this.ethnicGroup = source["ethnicGroup"];
	        this.borough = source["borough"];
	        this.responses = this.convertValues(source["responses"], ResponseInput);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LEPTotal {
	    key: string;
	    label: string;
	    pseudonym?: string;
	    entries: number;
	    minutes: number;
	    feesPence: number;
	    expensesPence: number;
	    paidClaims: number;
	    medianDaysToPay: number;
	    maxDaysToPay: number;
	
	    static createFrom(source: any = {}) {
	        return new LEPTotal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.pseudonym = source["pseudonym"];
	        this.entries = source["entries"];
	        this.minutes = source["minutes"];
	        this.feesPence = source["feesPence"];
	        this.expensesPence = source["expensesPence"];
	        this.paidClaims = source["paidClaims"];
	        this.medianDaysToPay = source["medianDaysToPay"];
	        this.maxDaysToPay = source["maxDaysToPay"];
	    }
	}
	export class LEPTotals {
	    from: string;
	    to: string;
	    all: LEPTotal;
	    byContributor: LEPTotal[];
	    byProject: LEPTotal[];
	    byMonth: LEPTotal[];
	
	    static createFrom(source: any = {}) {
	        return new LEPTotals(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.all = this.convertValues(source["all"], LEPTotal);
	        this.byContributor = this.convertValues(source["byContributor"], LEPTotal);
	        this.byProject = this.convertValues(source["byProject"], LEPTotal);
	        this.byMonth = this.convertValues(source["byMonth"], LEPTotal);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class NotesSaved {
	    id: string;
	    rev: number;
	    savedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new NotesSaved(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.rev = source["rev"];
	        this.savedAt = source["savedAt"];
	    }
	}
	export class Outcome {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    projectId: string;
	    sessionIds: string[];
	    actionIds: string[];
	    description: string;
	    impactOn: string[];
	    direction: string;
	    intended: boolean;
	    magnitude: string;
	    evidence: string;
	    evidenceLink: string;
	    contributorView: string;
	    staffView: string;
	    standards: string[];
	    date: string;
	
	    static createFrom(source: any = {}) {
	        return new Outcome(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.projectId = source["projectId"];
	        this.sessionIds = source["sessionIds"];
	        this.actionIds = source["actionIds"];
	        this.description = source["description"];
	        this.impactOn = source["impactOn"];
	        this.direction = source["direction"];
	        this.intended = source["intended"];
	        this.magnitude = source["magnitude"];
	        this.evidence = source["evidence"];
	        this.evidenceLink = source["evidenceLink"];
	        this.contributorView = source["contributorView"];
	        this.staffView = source["staffView"];
	        this.standards = source["standards"];
	        this.date = source["date"];
	    }
	}
	
	export class RefItem {
	    code: string;
	    label: string;
	    group?: string;
	    hint?: string;
	
	    static createFrom(source: any = {}) {
	        return new RefItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.group = source["group"];
	        this.hint = source["hint"];
	    }
	}
	export class PeopleReference {
	    contactPreferences: RefItem[];
	    paymentRoutes: RefItem[];
	    rateUnits: RefItem[];
	    consentPurposes: RefItem[];
	    lawfulBases: RefItem[];
	    specialConditions: RefItem[];
	    consentMethods: RefItem[];
	    consentSubjects: RefItem[];
	    withdrawnPurposesOff: string[];
	
	    static createFrom(source: any = {}) {
	        return new PeopleReference(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contactPreferences = this.convertValues(source["contactPreferences"], RefItem);
	        this.paymentRoutes = this.convertValues(source["paymentRoutes"], RefItem);
	        this.rateUnits = this.convertValues(source["rateUnits"], RefItem);
	        this.consentPurposes = this.convertValues(source["consentPurposes"], RefItem);
	        this.lawfulBases = this.convertValues(source["lawfulBases"], RefItem);
	        this.specialConditions = this.convertValues(source["specialConditions"], RefItem);
	        this.consentMethods = this.convertValues(source["consentMethods"], RefItem);
	        this.consentSubjects = this.convertValues(source["consentSubjects"], RefItem);
	        this.withdrawnPurposesOff = source["withdrawnPurposesOff"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PrivacyRequestView {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    requestType: string;
	    receivedOn: string;
	    receivedVia: string;
	    contributorId: string;
	    requester: string;
	    extendedMonths: number;
	    extensionReason: string;
	    status: string;
	    doneOn: string;
	    doneBy: string;
	    actionTaken: string;
	    refusalReason: string;
	    dueBy: string;
	    overdue: boolean;
	    dueSoon: boolean;
	    contributorName: string;
	    contributorPseudonym: string;
	
	    static createFrom(source: any = {}) {
	        return new PrivacyRequestView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.requestType = source["requestType"];
	        this.receivedOn = source["receivedOn"];
	        this.receivedVia = source["receivedVia"];
	        this.contributorId = source["contributorId"];
	        this.requester = source["requester"];
	        this.extendedMonths = source["extendedMonths"];
	        this.extensionReason = source["extensionReason"];
	        this.status = source["status"];
	        this.doneOn = source["doneOn"];
	        this.doneBy = source["doneBy"];
	        this.actionTaken = source["actionTaken"];
	        this.refusalReason = source["refusalReason"];
	        this.dueBy = source["dueBy"];
	        this.overdue = source["overdue"];
	        this.dueSoon = source["dueSoon"];
	        this.contributorName = source["contributorName"];
	        this.contributorPseudonym = source["contributorPseudonym"];
	    }
	}
	export class PrivacyRegister {
	    today: string;
	    requests: PrivacyRequestView[];
	    types: RefItem[];
	    channels: RefItem[];
	    statuses: RefItem[];
	
	    static createFrom(source: any = {}) {
	        return new PrivacyRegister(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.today = source["today"];
	        this.requests = this.convertValues(source["requests"], PrivacyRequestView);
	        this.types = this.convertValues(source["types"], RefItem);
	        this.channels = this.convertValues(source["channels"], RefItem);
	        this.statuses = this.convertValues(source["statuses"], RefItem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PrivacyRequest {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    requestType: string;
	    receivedOn: string;
	    receivedVia: string;
	    contributorId: string;
	    requester: string;
	    extendedMonths: number;
	    extensionReason: string;
	    status: string;
	    doneOn: string;
	    doneBy: string;
	    actionTaken: string;
	    refusalReason: string;
	
	    static createFrom(source: any = {}) {
	        return new PrivacyRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.requestType = source["requestType"];
	        this.receivedOn = source["receivedOn"];
	        this.receivedVia = source["receivedVia"];
	        this.contributorId = source["contributorId"];
	        this.requester = source["requester"];
	        this.extendedMonths = source["extendedMonths"];
	        this.extensionReason = source["extensionReason"];
	        this.status = source["status"];
	        this.doneOn = source["doneOn"];
	        this.doneBy = source["doneBy"];
	        this.actionTaken = source["actionTaken"];
	        this.refusalReason = source["refusalReason"];
	    }
	}
	
	export class Project {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    name: string;
	    lead: string;
	    funder: string;
	    startDate: string;
	    endDate: string;
	    aim: string;
	    core20plus5: string[];
	    plusGroups: string[];
	    boroughs: string[];
	    sessionCount: number;
	
	    static createFrom(source: any = {}) {
	        return new Project(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.name = source["name"];
	        this.lead = source["lead"];
	        this.funder = source["funder"];
	        this.startDate = source["startDate"];
	        this.endDate = source["endDate"];
	        this.aim = source["aim"];
	        this.core20plus5 = source["core20plus5"];
	        this.plusGroups = source["plusGroups"];
	        this.boroughs = source["boroughs"];
	        this.sessionCount = source["sessionCount"];
	    }
	}
	export class ProjectInput {
	    name: string;
	    lead: string;
	    funder: string;
	    startDate: string;
	    endDate: string;
	    aim: string;
	    core20plus5: string[];
	    plusGroups: string[];
	    boroughs: string[];
	
	    static createFrom(source: any = {}) {
	        return new ProjectInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.lead = source["lead"];
	        this.funder = source["funder"];
	        this.startDate = source["startDate"];
	        this.endDate = source["endDate"];
	        this.aim = source["aim"];
	        this.core20plus5 = source["core20plus5"];
	        this.plusGroups = source["plusGroups"];
	        this.boroughs = source["boroughs"];
	    }
	}
	export class ShowIf {
	    question: string;
	    answers: string[];
	
	    static createFrom(source: any = {}) {
	        return new ShowIf(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.question = source["question"];
	        this.answers = source["answers"];
	    }
	}
	export class Question {
	    id: string;
	    type: string;
	    text: string;
	    help: string;
	    required: boolean;
	    choices: Choice[];
	    other: boolean;
	    preferNot: boolean;
	    faces: boolean;
	    pick: number;
	    min?: number;
	    max?: number;
	    showIf?: ShowIf;
	
	    static createFrom(source: any = {}) {
	        return new Question(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.type = source["type"];
	        this.text = source["text"];
	        this.help = source["help"];
	        this.required = source["required"];
	        this.choices = this.convertValues(source["choices"], Choice);
	        this.other = source["other"];
	        this.preferNot = source["preferNot"];
	        this.faces = source["faces"];
	        this.pick = source["pick"];
	        this.min = source["min"];
	        this.max = source["max"];
	        this.showIf = this.convertValues(source["showIf"], ShowIf);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class QuestionSet {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    familyId: string;
	    version: number;
	    name: string;
	    purpose: string;
	    questions: Question[];
	    starter: string;
	    archived: boolean;
	
	    static createFrom(source: any = {}) {
	        return new QuestionSet(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.familyId = source["familyId"];
	        this.version = source["version"];
	        this.name = source["name"];
	        this.purpose = source["purpose"];
	        this.questions = this.convertValues(source["questions"], Question);
	        this.starter = source["starter"];
	        this.archived = source["archived"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RateCard {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    unit: string;
	    amountPence: number;
	    source: string;
	    effectiveFrom: string;
	    effectiveTo: string;
	
	    static createFrom(source: any = {}) {
	        return new RateCard(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.unit = source["unit"];
	        this.amountPence = source["amountPence"];
	        this.source = source["source"];
	        this.effectiveFrom = source["effectiveFrom"];
	        this.effectiveTo = source["effectiveTo"];
	    }
	}
	export class Share {
	    num: number;
	    den: number;
	
	    static createFrom(source: any = {}) {
	        return new Share(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.num = source["num"];
	        this.den = source["den"];
	    }
	}
	export class ReachCategory {
	    code: string;
	    label: string;
	    group?: string;
	    n: number;
	
	    static createFrom(source: any = {}) {
	        return new ReachCategory(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.group = source["group"];
	        this.n = source["n"];
	    }
	}
	export class ReachDimension {
	    code: string;
	    label: string;
	    multi: boolean;
	    categories: ReachCategory[];
	    total: number;
	    selfReported: number;
	    estimated: number;
	
	    static createFrom(source: any = {}) {
	        return new ReachDimension(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.multi = source["multi"];
	        this.categories = this.convertValues(source["categories"], ReachCategory);
	        this.total = source["total"];
	        this.selfReported = source["selfReported"];
	        this.estimated = source["estimated"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Reach {
	    sessions: number;
	    sessionsCounted: number;
	    peopleReached: number;
	    formsReturned: number;
	    profiles: number;
	    dimensions: ReachDimension[];
	    boroughsCovered: RefItem[];
	    ethnicMinority: Share;
	    core20: Share;
	
	    static createFrom(source: any = {}) {
	        return new Reach(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sessions = source["sessions"];
	        this.sessionsCounted = source["sessionsCounted"];
	        this.peopleReached = source["peopleReached"];
	        this.formsReturned = source["formsReturned"];
	        this.profiles = source["profiles"];
	        this.dimensions = this.convertValues(source["dimensions"], ReachDimension);
	        this.boroughsCovered = this.convertValues(source["boroughsCovered"], RefItem);
	        this.ethnicMinority = this.convertValues(source["ethnicMinority"], Share);
	        this.core20 = this.convertValues(source["core20"], Share);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class ReachQuestion {
	    code: string;
	    label: string;
	    hint?: string;
	    multi: boolean;
	    items: RefItem[];
	
	    static createFrom(source: any = {}) {
	        return new ReachQuestion(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.hint = source["hint"];
	        this.multi = source["multi"];
	        this.items = this.convertValues(source["items"], RefItem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ReferenceData {
	    version: string;
	    sessionTypes: RefItem[];
	    sessionModes: RefItem[];
	    sessionStatuses: RefItem[];
	    involvementLevels: RefItem[];
	    engagementStages: RefItem[];
	    standards: RefItem[];
	    accessSupport: RefItem[];
	    boroughs: RefItem[];
	    feedbackSources: RefItem[];
	    ratings: RefItem[];
	    ageBands: RefItem[];
	    ethnicGroups: RefItem[];
	    ethnicities: RefItem[];
	    core20plus5: RefItem[];
	    plusGroups: RefItem[];
	    sexes: RefItem[];
	    genderSameAsBirth: RefItem[];
	    sexualOrientations: RefItem[];
	    religions: RefItem[];
	    disabilities: RefItem[];
	    unpaidCarers: RefItem[];
	    imdDeciles: RefItem[];
	    actionStatuses: RefItem[];
	    actionChannels: RefItem[];
	    impactAreas: RefItem[];
	    impactDirections: RefItem[];
	    impactMagnitudes: RefItem[];
	
	    static createFrom(source: any = {}) {
	        return new ReferenceData(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.sessionTypes = this.convertValues(source["sessionTypes"], RefItem);
	        this.sessionModes = this.convertValues(source["sessionModes"], RefItem);
	        this.sessionStatuses = this.convertValues(source["sessionStatuses"], RefItem);
	        this.involvementLevels = this.convertValues(source["involvementLevels"], RefItem);
	        this.engagementStages = this.convertValues(source["engagementStages"], RefItem);
	        this.standards = this.convertValues(source["standards"], RefItem);
	        this.accessSupport = this.convertValues(source["accessSupport"], RefItem);
	        this.boroughs = this.convertValues(source["boroughs"], RefItem);
	        this.feedbackSources = this.convertValues(source["feedbackSources"], RefItem);
	        this.ratings = this.convertValues(source["ratings"], RefItem);
	        this.ageBands = this.convertValues(source["ageBands"], RefItem);
	        this.ethnicGroups = this.convertValues(source["ethnicGroups"], RefItem);
	        this.ethnicities = this.convertValues(source["ethnicities"], RefItem);
	        this.core20plus5 = this.convertValues(source["core20plus5"], RefItem);
	        this.plusGroups = this.convertValues(source["plusGroups"], RefItem);
	        this.sexes = this.convertValues(source["sexes"], RefItem);
	        this.genderSameAsBirth = this.convertValues(source["genderSameAsBirth"], RefItem);
	        this.sexualOrientations = this.convertValues(source["sexualOrientations"], RefItem);
	        this.religions = this.convertValues(source["religions"], RefItem);
	        this.disabilities = this.convertValues(source["disabilities"], RefItem);
	        this.unpaidCarers = this.convertValues(source["unpaidCarers"], RefItem);
	        this.imdDeciles = this.convertValues(source["imdDeciles"], RefItem);
	        this.actionStatuses = this.convertValues(source["actionStatuses"], RefItem);
	        this.actionChannels = this.convertValues(source["actionChannels"], RefItem);
	        this.impactAreas = this.convertValues(source["impactAreas"], RefItem);
	        this.impactDirections = this.convertValues(source["impactDirections"], RefItem);
	        this.impactMagnitudes = this.convertValues(source["impactMagnitudes"], RefItem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Response {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    sessionId: string;
	    feedbackId: string;
	    questionSetId: string;
	    language: string;
	    answers: Answer[];
	
	    static createFrom(source: any = {}) {
	        return new Response(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.sessionId = source["sessionId"];
	        this.feedbackId = source["feedbackId"];
	        this.questionSetId = source["questionSetId"];
	        this.language = source["language"];
	        this.answers = this.convertValues(source["answers"], Answer);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class RetentionHold {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    recordEntity: string;
	    recordId: string;
	    recordKind: string;
	    until: string;
	    reason: string;
	    setBy: string;
	
	    static createFrom(source: any = {}) {
	        return new RetentionHold(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.recordEntity = source["recordEntity"];
	        this.recordId = source["recordId"];
	        this.recordKind = source["recordKind"];
	        this.until = source["until"];
	        this.reason = source["reason"];
	        this.setBy = source["setBy"];
	    }
	}
	export class RetentionRule {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    recordKind: string;
	    period: number;
	    unit: string;
	    anchor: string;
	    autoErase: boolean;
	    setBy: string;
	    setAt: string;
	
	    static createFrom(source: any = {}) {
	        return new RetentionRule(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.recordKind = source["recordKind"];
	        this.period = source["period"];
	        this.unit = source["unit"];
	        this.anchor = source["anchor"];
	        this.autoErase = source["autoErase"];
	        this.setBy = source["setBy"];
	        this.setAt = source["setAt"];
	    }
	}
	export class SearchResult {
	    kind: string;
	    id: string;
	    sessionId: string;
	    projectId: string;
	    title: string;
	    field: string;
	    snippet: string;
	    date: string;
	    rank: number;
	
	    static createFrom(source: any = {}) {
	        return new SearchResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.sessionId = source["sessionId"];
	        this.projectId = source["projectId"];
	        this.title = source["title"];
	        this.field = source["field"];
	        this.snippet = source["snippet"];
	        this.date = source["date"];
	        this.rank = source["rank"];
	    }
	}
	export class Session {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    projectId: string;
	    title: string;
	    date: string;
	    startTime: string;
	    endTime: string;
	    type: string;
	    mode: string;
	    venue: string;
	    borough: string;
	    hostPartner: string;
	    targetGroups: string;
	    purpose: string;
	    intendedOutcome: string;
	    involvementLevel: string;
	    engagementStage: string;
	    standards: string[];
	    accessSupport: string[];
	    facilitators: string;
	    lepsPresent: string;
	    status: string;
	    wentWell: string;
	    toImprove: string;
	    attendees: number;
	    questionSets: string[];
	    noFft: boolean;
	    notes: string;
	    notesUpdatedAt: string;
	    projectName: string;
	    feedbackCount: number;
	
	    static createFrom(source: any = {}) {
	        return new Session(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.projectId = source["projectId"];
	        this.title = source["title"];
	        this.date = source["date"];
	        this.startTime = source["startTime"];
	        this.endTime = source["endTime"];
	        this.type = source["type"];
	        this.mode = source["mode"];
	        this.venue = source["venue"];
	        this.borough = source["borough"];
	        this.hostPartner = source["hostPartner"];
	        this.targetGroups = source["targetGroups"];
	        this.purpose = source["purpose"];
	        this.intendedOutcome = source["intendedOutcome"];
	        this.involvementLevel = source["involvementLevel"];
	        this.engagementStage = source["engagementStage"];
	        this.standards = source["standards"];
	        this.accessSupport = source["accessSupport"];
	        this.facilitators = source["facilitators"];
	        this.lepsPresent = source["lepsPresent"];
	        this.status = source["status"];
	        this.wentWell = source["wentWell"];
	        this.toImprove = source["toImprove"];
	        this.attendees = source["attendees"];
	        this.questionSets = source["questionSets"];
	        this.noFft = source["noFft"];
	        this.notes = source["notes"];
	        this.notesUpdatedAt = source["notesUpdatedAt"];
	        this.projectName = source["projectName"];
	        this.feedbackCount = source["feedbackCount"];
	    }
	}
	export class SessionFilter {
	    projectId: string;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new SessionFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.projectId = source["projectId"];
	        this.limit = source["limit"];
	    }
	}
	export class SessionInput {
	    projectId: string;
	    title: string;
	    date: string;
	    startTime: string;
	    endTime: string;
	    type: string;
	    mode: string;
	    venue: string;
	    borough: string;
	    hostPartner: string;
	    targetGroups: string;
	    purpose: string;
	    intendedOutcome: string;
	    involvementLevel: string;
	    engagementStage: string;
	    standards: string[];
	    accessSupport: string[];
	    facilitators: string;
	    lepsPresent: string;
	    status: string;
	    wentWell: string;
	    toImprove: string;
	    attendees: number;
	    questionSets: string[];
	    noFft: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SessionInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.projectId = source["projectId"];
	        this.title = source["title"];
	        this.date = source["date"];
	        this.startTime = source["startTime"];
	        this.endTime = source["endTime"];
	        this.type = source["type"];
	        this.mode = source["mode"];
	        this.venue = source["venue"];
	        this.borough = source["borough"];
	        this.hostPartner = source["hostPartner"];
	        this.targetGroups = source["targetGroups"];
	        this.purpose = source["purpose"];
	        this.intendedOutcome = source["intendedOutcome"];
	        this.involvementLevel = source["involvementLevel"];
	        this.engagementStage = source["engagementStage"];
	        this.standards = source["standards"];
	        this.accessSupport = source["accessSupport"];
	        this.facilitators = source["facilitators"];
	        this.lepsPresent = source["lepsPresent"];
	        this.status = source["status"];
	        this.wentWell = source["wentWell"];
	        this.toImprove = source["toImprove"];
	        this.attendees = source["attendees"];
	        this.questionSets = source["questionSets"];
	        this.noFft = source["noFft"];
	    }
	}
	export class TallyWarning {
	    field: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new TallyWarning(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.message = source["message"];
	    }
	}
	export class TallyDim {
	    basis: string;
	    counts: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new TallyDim(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.basis = source["basis"];
	        this.counts = source["counts"];
	    }
	}
	export class Tally {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    sessionId: string;
	    formsReturned?: number;
	    ageBand?: TallyDim;
	    sex?: TallyDim;
	    genderSameAsBirth?: TallyDim;
	    ethnicity?: TallyDim;
	    disability?: TallyDim;
	    sexualOrientation?: TallyDim;
	    religion?: TallyDim;
	    unpaidCarer?: TallyDim;
	    borough?: TallyDim;
	    imdDecile?: TallyDim;
	    plusGroups?: TallyDim;
	
	    static createFrom(source: any = {}) {
	        return new Tally(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.sessionId = source["sessionId"];
	        this.formsReturned = source["formsReturned"];
	        this.ageBand = this.convertValues(source["ageBand"], TallyDim);
	        this.sex = this.convertValues(source["sex"], TallyDim);
	        this.genderSameAsBirth = this.convertValues(source["genderSameAsBirth"], TallyDim);
	        this.ethnicity = this.convertValues(source["ethnicity"], TallyDim);
	        this.disability = this.convertValues(source["disability"], TallyDim);
	        this.sexualOrientation = this.convertValues(source["sexualOrientation"], TallyDim);
	        this.religion = this.convertValues(source["religion"], TallyDim);
	        this.unpaidCarer = this.convertValues(source["unpaidCarer"], TallyDim);
	        this.borough = this.convertValues(source["borough"], TallyDim);
	        this.imdDecile = this.convertValues(source["imdDecile"], TallyDim);
	        this.plusGroups = this.convertValues(source["plusGroups"], TallyDim);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SessionReach {
	    sessionId: string;
	    attendees: number;
	    tally: Tally;
	    profiles: Attendee[];
	    reach: Reach;
	    warnings: TallyWarning[];
	    questions: ReachQuestion[];
	
	    static createFrom(source: any = {}) {
	        return new SessionReach(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sessionId = source["sessionId"];
	        this.attendees = source["attendees"];
	        this.tally = this.convertValues(source["tally"], Tally);
	        this.profiles = this.convertValues(source["profiles"], Attendee);
	        this.reach = this.convertValues(source["reach"], Reach);
	        this.warnings = this.convertValues(source["warnings"], TallyWarning);
	        this.questions = this.convertValues(source["questions"], ReachQuestion);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	export class StandardRating {
	    standard: string;
	    rating: string;
	    evidence: string;
	    links: string[];
	    nextSteps: string;
	
	    static createFrom(source: any = {}) {
	        return new StandardRating(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.standard = source["standard"];
	        this.rating = source["rating"];
	        this.evidence = source["evidence"];
	        this.links = source["links"];
	        this.nextSteps = source["nextSteps"];
	    }
	}
	export class StandardsAssessment {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    assessedOn: string;
	    scope: string;
	    from: string;
	    to: string;
	    ratings: StandardRating[];
	
	    static createFrom(source: any = {}) {
	        return new StandardsAssessment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.assessedOn = source["assessedOn"];
	        this.scope = source["scope"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.ratings = this.convertValues(source["ratings"], StandardRating);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class TallySaved {
	    tally: Tally;
	    savedAt: string;
	    warnings: TallyWarning[];
	
	    static createFrom(source: any = {}) {
	        return new TallySaved(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tally = this.convertValues(source["tally"], Tally);
	        this.savedAt = source["savedAt"];
	        this.warnings = this.convertValues(source["warnings"], TallyWarning);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Theme {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    label: string;
	    archived: boolean;
	    usage: number;
	
	    static createFrom(source: any = {}) {
	        return new Theme(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.label = source["label"];
	        this.archived = source["archived"];
	        this.usage = source["usage"];
	    }
	}
	export class TimeEntry {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    contributorId: string;
	    projectId: string;
	    sessionId: string;
	    task: string;
	    date: string;
	    unit: string;
	    minutesPrep: number;
	    minutesAttend: number;
	    minutesFollowUp: number;
	    minutesTravel: number;
	    rateCardId: string;
	    ratePence: number;
	    feePence: number;
	    feeOverridePence?: number;
	    overrideReason: string;
	    expensesPence: number;
	    receiptRef: string;
	    claimedOn: string;
	    approvedOn: string;
	    paidOn: string;
	    route: string;
	    erasedAt?: string;
	
	    static createFrom(source: any = {}) {
	        return new TimeEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.contributorId = source["contributorId"];
	        this.projectId = source["projectId"];
	        this.sessionId = source["sessionId"];
	        this.task = source["task"];
	        this.date = source["date"];
	        this.unit = source["unit"];
	        this.minutesPrep = source["minutesPrep"];
	        this.minutesAttend = source["minutesAttend"];
	        this.minutesFollowUp = source["minutesFollowUp"];
	        this.minutesTravel = source["minutesTravel"];
	        this.rateCardId = source["rateCardId"];
	        this.ratePence = source["ratePence"];
	        this.feePence = source["feePence"];
	        this.feeOverridePence = source["feeOverridePence"];
	        this.overrideReason = source["overrideReason"];
	        this.expensesPence = source["expensesPence"];
	        this.receiptRef = source["receiptRef"];
	        this.claimedOn = source["claimedOn"];
	        this.approvedOn = source["approvedOn"];
	        this.paidOn = source["paidOn"];
	        this.route = source["route"];
	        this.erasedAt = source["erasedAt"];
	    }
	}
	export class TimeEntryView {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    contributorId: string;
	    projectId: string;
	    sessionId: string;
	    task: string;
	    date: string;
	    unit: string;
	    minutesPrep: number;
	    minutesAttend: number;
	    minutesFollowUp: number;
	    minutesTravel: number;
	    rateCardId: string;
	    ratePence: number;
	    feePence: number;
	    feeOverridePence?: number;
	    overrideReason: string;
	    expensesPence: number;
	    receiptRef: string;
	    claimedOn: string;
	    approvedOn: string;
	    paidOn: string;
	    route: string;
	    erasedAt?: string;
	    minutes: number;
	    feeDuePence: number;
	    projectName: string;
	    sessionTitle: string;
	
	    static createFrom(source: any = {}) {
	        return new TimeEntryView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.contributorId = source["contributorId"];
	        this.projectId = source["projectId"];
	        this.sessionId = source["sessionId"];
	        this.task = source["task"];
	        this.date = source["date"];
	        this.unit = source["unit"];
	        this.minutesPrep = source["minutesPrep"];
	        this.minutesAttend = source["minutesAttend"];
	        this.minutesFollowUp = source["minutesFollowUp"];
	        this.minutesTravel = source["minutesTravel"];
	        this.rateCardId = source["rateCardId"];
	        this.ratePence = source["ratePence"];
	        this.feePence = source["feePence"];
	        this.feeOverridePence = source["feeOverridePence"];
	        this.overrideReason = source["overrideReason"];
	        this.expensesPence = source["expensesPence"];
	        this.receiptRef = source["receiptRef"];
	        this.claimedOn = source["claimedOn"];
	        this.approvedOn = source["approvedOn"];
	        this.paidOn = source["paidOn"];
	        this.route = source["route"];
	        this.erasedAt = source["erasedAt"];
	        this.minutes = source["minutes"];
	        this.feeDuePence = source["feeDuePence"];
	        this.projectName = source["projectName"];
	        this.sessionTitle = source["sessionTitle"];
	    }
	}
	export class Translation {
	    id: string;
	    createdAt: string;
	    updatedAt: string;
	    createdBy: string;
	    deviceId: string;
	    rev: number;
	    deletedAt?: string;
	    teamId?: string;
	    of: string;
	    language: string;
	    languageName: string;
	    reviewed: boolean;
	    texts: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new Translation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.createdBy = source["createdBy"];
	        this.deviceId = source["deviceId"];
	        this.rev = source["rev"];
	        this.deletedAt = source["deletedAt"];
	        this.teamId = source["teamId"];
	        this.of = source["of"];
	        this.language = source["language"];
	        this.languageName = source["languageName"];
	        this.reviewed = source["reviewed"];
	        this.texts = source["texts"];
	    }
	}
	export class WriteUpSession {
	    id: string;
	    title: string;
	    date: string;
	    type: string;
	    involvementLevel: string;
	    status: string;
	    purpose: string;
	    intendedOutcome: string;
	    attendees: number;
	    feedback: number;
	    wentWell: string;
	    toImprove: string;
	
	    static createFrom(source: any = {}) {
	        return new WriteUpSession(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.date = source["date"];
	        this.type = source["type"];
	        this.involvementLevel = source["involvementLevel"];
	        this.status = source["status"];
	        this.purpose = source["purpose"];
	        this.intendedOutcome = source["intendedOutcome"];
	        this.attendees = source["attendees"];
	        this.feedback = source["feedback"];
	        this.wentWell = source["wentWell"];
	        this.toImprove = source["toImprove"];
	    }
	}
	export class WriteUp {
	    projectId: string;
	    project: string;
	    aim: string;
	    methods: string;
	    results: string;
	    discussion: string;
	    reflections: string;
	    sessions: WriteUpSession[];
	    outcomes: Outcome[];
	    actions: Action[];
	    peopleReached: number;
	    feedbackItems: number;
	    actionsDone: number;
	    actionsCommunicated: number;
	
	    static createFrom(source: any = {}) {
	        return new WriteUp(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.projectId = source["projectId"];
	        this.project = source["project"];
	        this.aim = source["aim"];
	        this.methods = source["methods"];
	        this.results = source["results"];
	        this.discussion = source["discussion"];
	        this.reflections = source["reflections"];
	        this.sessions = this.convertValues(source["sessions"], WriteUpSession);
	        this.outcomes = this.convertValues(source["outcomes"], Outcome);
	        this.actions = this.convertValues(source["actions"], Action);
	        this.peopleReached = source["peopleReached"];
	        this.feedbackItems = source["feedbackItems"];
	        this.actionsDone = source["actionsDone"];
	        this.actionsCommunicated = source["actionsCommunicated"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace publish {
	
	export class Item {
	    actionId: string;
	    youSaid: string;
	    about: string;
	    weDid: string;
	    posterCannotShow: boolean;
	    lang: string;
	
	    static createFrom(source: any = {}) {
	        return new Item(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.actionId = source["actionId"];
	        this.youSaid = source["youSaid"];
	        this.about = source["about"];
	        this.weDid = source["weDid"];
	        this.posterCannotShow = source["posterCannotShow"];
	        this.lang = source["lang"];
	    }
	}

}

export namespace report {
	
	export class Row {
	    code: string;
	    label: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new Row(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.count = source["count"];
	    }
	}
	export class Percent {
	    Num: number;
	    Den: number;
	    Withheld: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Percent(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Num = source["Num"];
	        this.Den = source["Den"];
	        this.Withheld = source["Withheld"];
	    }
	}
	export class ActionFigures {
	    total: number;
	    planned: number;
	    inProgress: number;
	    done: number;
	    notPossible: number;
	    overdue: number;
	    communicatedBack: number;
	    communicatedPct: Percent;
	    published: number;
	    byStatus: Row[];
	
	    static createFrom(source: any = {}) {
	        return new ActionFigures(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.planned = source["planned"];
	        this.inProgress = source["inProgress"];
	        this.done = source["done"];
	        this.notPossible = source["notPossible"];
	        this.overdue = source["overdue"];
	        this.communicatedBack = source["communicatedBack"];
	        this.communicatedPct = this.convertValues(source["communicatedPct"], Percent);
	        this.published = source["published"];
	        this.byStatus = this.convertValues(source["byStatus"], Row);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Count {
	    N: number;
	    Suppressed: boolean;
	    Withheld: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Count(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.N = source["N"];
	        this.Suppressed = source["Suppressed"];
	        this.Withheld = source["Withheld"];
	    }
	}
	export class BreakdownRow {
	    code: string;
	    label: string;
	    total: Count;
	    cells: Count[];
	
	    static createFrom(source: any = {}) {
	        return new BreakdownRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.total = this.convertValues(source["total"], Count);
	        this.cells = this.convertValues(source["cells"], Count);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Label {
	    code: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new Label(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	    }
	}
	export class Breakdown {
	    setId: string;
	    question: string;
	    label: string;
	    by: string;
	    byLabel: string;
	    multi?: boolean;
	    columns: Label[];
	    rows: BreakdownRow[];
	
	    static createFrom(source: any = {}) {
	        return new Breakdown(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.setId = source["setId"];
	        this.question = source["question"];
	        this.label = source["label"];
	        this.by = source["by"];
	        this.byLabel = source["byLabel"];
	        this.multi = source["multi"];
	        this.columns = this.convertValues(source["columns"], Label);
	        this.rows = this.convertValues(source["rows"], BreakdownRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BreakdownRequest {
	    setId: string;
	    question: string;
	    by: string;
	
	    static createFrom(source: any = {}) {
	        return new BreakdownRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.setId = source["setId"];
	        this.question = source["question"];
	        this.by = source["by"];
	    }
	}
	
	export class Category {
	    code: string;
	    label: string;
	    count: Count;
	    percent: Percent;
	
	    static createFrom(source: any = {}) {
	        return new Category(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.count = this.convertValues(source["count"], Count);
	        this.percent = this.convertValues(source["percent"], Percent);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ComparisonRow {
	    code: string;
	    label: string;
	    count: Count;
	    percent: Percent;
	    percentText: string;
	    benchmarkCount: number;
	    benchmarkPercent: number;
	    benchmarkText: string;
	    difference?: number;
	    differenceText: string;
	
	    static createFrom(source: any = {}) {
	        return new ComparisonRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.count = this.convertValues(source["count"], Count);
	        this.percent = this.convertValues(source["percent"], Percent);
	        this.percentText = source["percentText"];
	        this.benchmarkCount = source["benchmarkCount"];
	        this.benchmarkPercent = source["benchmarkPercent"];
	        this.benchmarkText = source["benchmarkText"];
	        this.difference = source["difference"];
	        this.differenceText = source["differenceText"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Dimension {
	    code: string;
	    label: string;
	    multi?: boolean;
	    categories: Category[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new Dimension(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.multi = source["multi"];
	        this.categories = this.convertValues(source["categories"], Category);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Gripp2 {
	    projectId: string;
	    project: string;
	    aim: string;
	    methods: string;
	    results: string;
	    discussion: string;
	    reflections: string;
	    sessions: number;
	    feedback: number;
	
	    static createFrom(source: any = {}) {
	        return new Gripp2(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.projectId = source["projectId"];
	        this.project = source["project"];
	        this.aim = source["aim"];
	        this.methods = source["methods"];
	        this.results = source["results"];
	        this.discussion = source["discussion"];
	        this.reflections = source["reflections"];
	        this.sessions = source["sessions"];
	        this.feedback = source["feedback"];
	    }
	}
	export class LEPFigures {
	    contributors: number;
	    entries: number;
	    minutes: number;
	    feesPence: number;
	    expensesPence: number;
	    paidPence: number;
	    medianDaysToPay: number;
	    maxDaysToPay: number;
	
	    static createFrom(source: any = {}) {
	        return new LEPFigures(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contributors = source["contributors"];
	        this.entries = source["entries"];
	        this.minutes = source["minutes"];
	        this.feesPence = source["feesPence"];
	        this.expensesPence = source["expensesPence"];
	        this.paidPence = source["paidPence"];
	        this.medianDaysToPay = source["medianDaysToPay"];
	        this.maxDaysToPay = source["maxDaysToPay"];
	    }
	}
	export class OutcomeFigures {
	    total: number;
	    byMagnitude: Row[];
	    byImpact: Row[];
	    positive: number;
	    negative: number;
	
	    static createFrom(source: any = {}) {
	        return new OutcomeFigures(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.byMagnitude = this.convertValues(source["byMagnitude"], Row);
	        this.byImpact = this.convertValues(source["byImpact"], Row);
	        this.positive = source["positive"];
	        this.negative = source["negative"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ThemeRow {
	    id: string;
	    label: string;
	    count: number;
	    positive: number;
	    neutral: number;
	    negative: number;
	    noRating: number;
	
	    static createFrom(source: any = {}) {
	        return new ThemeRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.label = source["label"];
	        this.count = source["count"];
	        this.positive = source["positive"];
	        this.neutral = source["neutral"];
	        this.negative = source["negative"];
	        this.noRating = source["noRating"];
	    }
	}
	export class Filter {
	    from: string;
	    to: string;
	    projectId: string;
	    borough: string;
	    sessionType: string;
	    teamId: string;
	
	    static createFrom(source: any = {}) {
	        return new Filter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.projectId = source["projectId"];
	        this.borough = source["borough"];
	        this.sessionType = source["sessionType"];
	        this.teamId = source["teamId"];
	    }
	}
	export class Figures {
	    filter: Filter;
	    filterText: string[];
	    generatedAt: string;
	    referenceVersion: string;
	    sessions: number;
	    sessionsHeld: number;
	    sessionsPlanned: number;
	    peopleReached: Count;
	    feedbackItems: number;
	    fftPositive: Percent;
	    boroughsCovered: Label[];
	    quotesAllowed: number;
	    needsResponse: number;
	    needsResponseWithoutAction: number;
	    ethnicMinority: Percent;
	    ethnicMinoritySource: string;
	    core20: Percent;
	    sessionsByType: Row[];
	    ratings: Row[];
	    reachCounted: number;
	    attendeeReach: Dimension[];
	    respondents: Dimension[];
	    reach: Dimension[];
	    themes: ThemeRow[];
	    actions: ActionFigures;
	    outcomes: OutcomeFigures;
	    lep: LEPFigures;
	    projects: Gripp2[];
	
	    static createFrom(source: any = {}) {
	        return new Figures(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.filter = this.convertValues(source["filter"], Filter);
	        this.filterText = source["filterText"];
	        this.generatedAt = source["generatedAt"];
	        this.referenceVersion = source["referenceVersion"];
	        this.sessions = source["sessions"];
	        this.sessionsHeld = source["sessionsHeld"];
	        this.sessionsPlanned = source["sessionsPlanned"];
	        this.peopleReached = this.convertValues(source["peopleReached"], Count);
	        this.feedbackItems = source["feedbackItems"];
	        this.fftPositive = this.convertValues(source["fftPositive"], Percent);
	        this.boroughsCovered = this.convertValues(source["boroughsCovered"], Label);
	        this.quotesAllowed = source["quotesAllowed"];
	        this.needsResponse = source["needsResponse"];
	        this.needsResponseWithoutAction = source["needsResponseWithoutAction"];
	        this.ethnicMinority = this.convertValues(source["ethnicMinority"], Percent);
	        this.ethnicMinoritySource = source["ethnicMinoritySource"];
	        this.core20 = this.convertValues(source["core20"], Percent);
	        this.sessionsByType = this.convertValues(source["sessionsByType"], Row);
	        this.ratings = this.convertValues(source["ratings"], Row);
	        this.reachCounted = source["reachCounted"];
	        this.attendeeReach = this.convertValues(source["attendeeReach"], Dimension);
	        this.respondents = this.convertValues(source["respondents"], Dimension);
	        this.reach = this.convertValues(source["reach"], Dimension);
	        this.themes = this.convertValues(source["themes"], ThemeRow);
	        this.actions = this.convertValues(source["actions"], ActionFigures);
	        this.outcomes = this.convertValues(source["outcomes"], OutcomeFigures);
	        this.lep = this.convertValues(source["lep"], LEPFigures);
	        this.projects = this.convertValues(source["projects"], Gripp2);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	
	export class NumberSummary {
	    count: Count;
	    min?: number;
	    median?: number;
	    max?: number;
	
	    static createFrom(source: any = {}) {
	        return new NumberSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.count = this.convertValues(source["count"], Count);
	        this.min = source["min"];
	        this.median = source["median"];
	        this.max = source["max"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class RankRow {
	    code: string;
	    label: string;
	    first: Count;
	    picked: Count;
	    score?: number;
	
	    static createFrom(source: any = {}) {
	        return new RankRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.label = source["label"];
	        this.first = this.convertValues(source["first"], Count);
	        this.picked = this.convertValues(source["picked"], Count);
	        this.score = source["score"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class QuestionResult {
	    key: string;
	    id: string;
	    type: string;
	    text: string;
	    label: string;
	    versions: number[];
	    other: boolean;
	    pick?: number;
	    asked: number;
	    answered: Count;
	    answeredPct: Percent;
	    categories: Category[];
	    multi?: boolean;
	    ranking?: RankRow[];
	    number?: NumberSummary;
	    quotes?: string[];
	    quotesMore?: number;
	    quotesWithheld?: number;
	    breakable: boolean;
	
	    static createFrom(source: any = {}) {
	        return new QuestionResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.id = source["id"];
	        this.type = source["type"];
	        this.text = source["text"];
	        this.label = source["label"];
	        this.versions = source["versions"];
	        this.other = source["other"];
	        this.pick = source["pick"];
	        this.asked = source["asked"];
	        this.answered = this.convertValues(source["answered"], Count);
	        this.answeredPct = this.convertValues(source["answeredPct"], Percent);
	        this.categories = this.convertValues(source["categories"], Category);
	        this.multi = source["multi"];
	        this.ranking = this.convertValues(source["ranking"], RankRow);
	        this.number = this.convertValues(source["number"], NumberSummary);
	        this.quotes = source["quotes"];
	        this.quotesMore = source["quotesMore"];
	        this.quotesWithheld = source["quotesWithheld"];
	        this.breakable = source["breakable"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SetResults {
	    familyId: string;
	    prefix: string;
	    name: string;
	    purpose: string;
	    versions: number[];
	    responses: number;
	    questions: QuestionResult[];
	
	    static createFrom(source: any = {}) {
	        return new SetResults(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.familyId = source["familyId"];
	        this.prefix = source["prefix"];
	        this.name = source["name"];
	        this.purpose = source["purpose"];
	        this.versions = source["versions"];
	        this.responses = source["responses"];
	        this.questions = this.convertValues(source["questions"], QuestionResult);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class QuestionFigures {
	    responses: number;
	    unmatched: number;
	    sets: SetResults[];
	    breakdown?: Breakdown;
	
	    static createFrom(source: any = {}) {
	        return new QuestionFigures(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.responses = source["responses"];
	        this.unmatched = source["unmatched"];
	        this.sets = this.convertValues(source["sets"], SetResults);
	        this.breakdown = this.convertValues(source["breakdown"], Breakdown);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class ReachComparison {
	    benchmarkId: string;
	    benchmarkName: string;
	    source: string;
	    year: number;
	    dimension: string;
	    dimensionLabel: string;
	    available: boolean;
	    compared: number;
	    outside: number;
	    sharesWithheld: boolean;
	    benchmarkTotal: number;
	    rows: ComparisonRow[];
	    suppressionRule: string;
	
	    static createFrom(source: any = {}) {
	        return new ReachComparison(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.benchmarkId = source["benchmarkId"];
	        this.benchmarkName = source["benchmarkName"];
	        this.source = source["source"];
	        this.year = source["year"];
	        this.dimension = source["dimension"];
	        this.dimensionLabel = source["dimensionLabel"];
	        this.available = source["available"];
	        this.compared = source["compared"];
	        this.outside = source["outside"];
	        this.sharesWithheld = source["sharesWithheld"];
	        this.benchmarkTotal = source["benchmarkTotal"];
	        this.rows = this.convertValues(source["rows"], ComparisonRow);
	        this.suppressionRule = source["suppressionRule"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class StandardCell {
	    assessmentId: string;
	    assessedOn: string;
	    rating: string;
	
	    static createFrom(source: any = {}) {
	        return new StandardCell(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.assessmentId = source["assessmentId"];
	        this.assessedOn = source["assessedOn"];
	        this.rating = source["rating"];
	    }
	}
	export class StandardRow {
	    code: string;
	    name: string;
	    statement: string;
	    ratings: StandardCell[];
	
	    static createFrom(source: any = {}) {
	        return new StandardRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.name = source["name"];
	        this.statement = source["statement"];
	        this.ratings = this.convertValues(source["ratings"], StandardCell);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class StandardsTimeline {
	    scope: string;
	    scopeName: string;
	    assessments: string[];
	    standards: StandardRow[];
	
	    static createFrom(source: any = {}) {
	        return new StandardsTimeline(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.scope = source["scope"];
	        this.scopeName = source["scopeName"];
	        this.assessments = source["assessments"];
	        this.standards = this.convertValues(source["standards"], StandardRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace store {
	
	export class BackupInfo {
	    name: string;
	    path: string;
	    createdAt: string;
	    sizeBytes: number;
	    ok: boolean;
	
	    static createFrom(source: any = {}) {
	        return new BackupInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.path = source["path"];
	        this.createdAt = source["createdAt"];
	        this.sizeBytes = source["sizeBytes"];
	        this.ok = source["ok"];
	    }
	}
	export class DueItem {
	    recordKind: string;
	    kindLabel: string;
	    entity: string;
	    recordId: string;
	    title: string;
	    from: string;
	    dueOn: string;
	    why: string;
	    autoErase: boolean;
	    keptUntil?: string;
	
	    static createFrom(source: any = {}) {
	        return new DueItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recordKind = source["recordKind"];
	        this.kindLabel = source["kindLabel"];
	        this.entity = source["entity"];
	        this.recordId = source["recordId"];
	        this.title = source["title"];
	        this.from = source["from"];
	        this.dueOn = source["dueOn"];
	        this.why = source["why"];
	        this.autoErase = source["autoErase"];
	        this.keptUntil = source["keptUntil"];
	    }
	}
	export class RetentionEntry {
	    recordKind: string;
	    label: string;
	    hint?: string;
	    period: number;
	    unit: string;
	    anchor: string;
	    text: string;
	    autoErase: boolean;
	    setBy?: string;
	    setAt?: string;
	    isDefault: boolean;
	    defaultText: string;
	    source: string;
	    anchors: involve.RefItem[];
	
	    static createFrom(source: any = {}) {
	        return new RetentionEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recordKind = source["recordKind"];
	        this.label = source["label"];
	        this.hint = source["hint"];
	        this.period = source["period"];
	        this.unit = source["unit"];
	        this.anchor = source["anchor"];
	        this.text = source["text"];
	        this.autoErase = source["autoErase"];
	        this.setBy = source["setBy"];
	        this.setAt = source["setAt"];
	        this.isDefault = source["isDefault"];
	        this.defaultText = source["defaultText"];
	        this.source = source["source"];
	        this.anchors = this.convertValues(source["anchors"], involve.RefItem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class StandardsAssessmentItem {
	    assessment: involve.StandardsAssessment;
	    scopeName: string;
	
	    static createFrom(source: any = {}) {
	        return new StandardsAssessmentItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.assessment = this.convertValues(source["assessment"], involve.StandardsAssessment);
	        this.scopeName = source["scopeName"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

