package org.coplan;

import javax.sql.DataSource;
import org.coplan.analysis.AnalysisStatusResource;
import org.coplan.analysis.CompareResource;
import org.coplan.analysis.ImpactResource;
import org.coplan.analysis.RuleSetResource;
import org.coplan.analysis.AnalysisService;
import org.coplan.analysis.ConflictsResource;
import org.coplan.api.HealthResource;
import org.coplan.api.LandingResource;
import org.coplan.api.OpenApiResource;
import org.coplan.api.StaticFilesResource;
import org.coplan.auth.AuthModule;
import org.coplan.config.CoplanConfig;
import org.coplan.db.Jdbc;
import org.coplan.http.CorsFilter;
import org.coplan.history.HistoryResource;
import org.coplan.io.ExportResource;
import org.coplan.io.ExportService;
import org.coplan.io.GdalRunner;
import org.coplan.io.HouseholdResource;
import org.coplan.io.HouseholdService;
import org.coplan.io.ImportService;
import org.coplan.io.NewSettlementImportResource;
import org.coplan.io.PlanImportResource;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.coplan.http.BodyLimitFilter;
import org.coplan.http.JsonMapper;
import org.coplan.http.ProblemMappers;
import org.coplan.layers.ChangesResource;
import org.coplan.layers.FeatureEditResource;
import org.coplan.layers.FeatureEditService;
import org.coplan.layers.FeatureHistoryResource;
import org.coplan.layers.FeatureRepository;
import org.coplan.layers.FeatureService;
import org.coplan.layers.FeaturesResource;
import org.coplan.layers.ItemsResource;
import org.coplan.http.SecurityHeaders;
import org.coplan.http.TrustedProxies;
import org.coplan.plans.PlanResource;
import org.coplan.plans.PlanService;
import org.coplan.plans.PlansResource;
import org.coplan.settlements.SettlementEditResource;
import org.coplan.settlements.SettlementDirectory;
import org.coplan.settlements.SettlementEditService;
import org.coplan.settlements.SettlementRepository;
import org.coplan.settlements.SettlementResource;
import org.coplan.settlements.SettlementService;
import org.coplan.tiles.TileResource;
import org.coplan.tiles.TileCacheResource;
import org.coplan.tiles.TileService;
import org.coplan.changes.ChangeBarrierFilter;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import java.time.Duration;
import org.coplan.changes.ChangeFeed;
import org.coplan.changes.QueuedChangeListener;
import org.coplan.plans.PlanEventStreams;
import org.coplan.plans.PlanEventsResource;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The composition root of the HTTP server: repositories → services → resources → Jersey → Jetty,
 * wired by hand so that every dependency is visible here. Given a migrated {@link DataSource}, it
 * knows nothing about where the database came from.
 */
public final class CoplanServer implements AutoCloseable {
  private final Server jetty;
  private final ChangeFeed changeFeed;
  private final TileWiring tiles;

  private CoplanServer(Server jetty, ChangeFeed changeFeed, TileWiring tiles) {
    this.jetty = jetty;
    this.changeFeed = changeFeed;
    this.tiles = tiles;
  }

  public static CoplanServer start(CoplanConfig config, DataSource dataSource) throws Exception {
    ChangeFeed changeFeed = new ChangeFeed(dataSource);
    TileWiring tiles = TileWiring.of(config, dataSource);
    ResourceConfig app = application(config, dataSource, changeFeed, tiles);
    // listening before the first request is served, so no committed change goes unheard
    changeFeed.start();
    tiles.feed().start();

    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("http");
    Server jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // honour X-Forwarded-* / Forwarded from the configured reverse proxies only, so that links
    // carry the public URL and the throttle counts the real client
    http.addCustomizer(new TrustedProxies(config.security().trustedProxies()));
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost(config.http().host());
    connector.setPort(config.http().port());
    jetty.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder jersey = new ServletHolder(new ServletContainer(app));
    // event streams (server-sent events) hold their request open asynchronously
    jersey.setAsyncSupported(true);
    context.addServlet(jersey, "/*");

    GzipHandler gzip = new GzipHandler();
    gzip.setMinGzipSize(256);
    // Jetty compresses only the types listed here
    gzip.addIncludedMimeTypes(
        "application/vnd.mapbox-vector-tile", "application/geo+json", "application/problem+json", "application/json",
        "application/vnd.oai.openapi+json", "text/html", "text/css", "text/javascript", "image/svg+xml");
    gzip.setHandler(context);
    // bodies beyond max-body-bytes are refused in one place, BodyLimitFilter (registered with the
    // editing resources): 413 as problem+json, declared lengths before a byte is read, chunked
    // bodies as soon as they pass the limit
    SecurityHeaders headers = new SecurityHeaders(config.map().basemapUrl(), config.security().frameAncestors(), gzip);
    jetty.setHandler(headers);
    jetty.setErrorHandler(headers.errorHandler());
    jetty.setStopAtShutdown(false);
    try {
      jetty.start();
    } catch (Exception e) {
      changeFeed.close();
      tiles.close();
      throw e;
    }
    return new CoplanServer(jetty, changeFeed, tiles);
  }

  /** The application as {@link #start} wires it, with change feeds that are never started. */
  static ResourceConfig application(CoplanConfig config, DataSource dataSource) {
    return application(config, dataSource, new ChangeFeed(dataSource), TileWiring.of(config, dataSource));
  }

  /**
   * Every resource, wired by hand. Components that follow edits (caches, incremental analysis,
   * event streams) subscribe to {@code changeFeed} here.
   */
  static ResourceConfig application(CoplanConfig config, DataSource dataSource, ChangeFeed changeFeed, TileWiring tileWiring) {
    Jdbc jdbc = new Jdbc(dataSource);
    // access answers from memory, forgotten through the feed that change requests wait for
    // (ChangeBarrierFilter), so a change is in force on this instance when its request is answered
    SettlementDirectory directory = new SettlementDirectory();
    tileWiring.feed().subscribe(directory);
    SettlementService settlements = new SettlementService(new SettlementRepository(jdbc), directory);
    // layout analysis (issue 5): kept up to date from the change feed; it informs the settlement detail
    AnalysisService analysis = new AnalysisService(settlements, jdbc);
    SettlementResource settlementResource = new SettlementResource(settlements, analysis::indicators);
    FeatureService features = new FeatureService(settlements, new FeatureRepository(jdbc), jdbc);
    TileService tiles = tileWiring.service(settlements, jdbc);

    ResourceConfig app = new ResourceConfig();
    app.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    app.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    app.register(JacksonFeature.withoutExceptionMappers());
    app.register(JsonMapper.class);
    ProblemMappers.all().forEach(app::register);
    app.register(new CorsFilter(config.security().corsOrigins()));
    // authentication and access control for every endpoint, and the account endpoints
    AuthModule.components(config.security(), jdbc, settlements).forEach(app::register);
    app.register(new HealthResource(dataSource));
    app.register(new OpenApiResource());
    app.register(settlementResource);
    app.register(new FeaturesResource(features));
    app.register(new ItemsResource(features));
    app.register(new TileResource(tiles));
    app.register(new TileCacheResource(tiles));
    app.register(new ChangeBarrierFilter(tileWiring.feed()));
    app.register(new LandingResource(config.map(), settlementResource));
    registerEditing(app, config, jdbc, settlements, features);
    PlanEventStreams eventStreams = new PlanEventStreams(Duration.ofSeconds(config.http().eventStreamSeconds()));
    changeFeed.subscribe(eventStreams);
    // on a thread of its own: re-analysing around an edit must not delay the events behind it
    QueuedChangeListener queuedAnalysis = new QueuedChangeListener(analysis, "analysis-updates");
    app.register(new ContainerLifecycleListener() {
      @Override
      public void onStartup(Container container) {}

      @Override
      public void onReload(Container container) {}

      @Override
      public void onShutdown(Container container) {
        eventStreams.close();
        queuedAnalysis.close();
        analysis.close();
      }
    });
    app.register(new PlanEventsResource(settlements, eventStreams));
    changeFeed.subscribe(queuedAnalysis);
    app.register(new RuleSetResource(analysis));
    app.register(new AnalysisStatusResource(analysis));
    app.register(new ImpactResource(analysis));
    app.register(new CompareResource(analysis));
    app.register(new ConflictsResource(analysis));
    registerImportExport(app, jdbc, settlements, org.coplan.analysis.AnalysisExportTables.of(analysis, jdbc));
    app.register(new StaticFilesResource());
    return app;
  }

  /**
   * Editing (issue 3): writes on settlements, plans and features, their history, and the request
   * body limit every write is read under.
   */
  private static void registerEditing(
      ResourceConfig app, CoplanConfig config, Jdbc jdbc, SettlementService settlements, FeatureService features) {
    FeatureEditService featureEdits = new FeatureEditService(jdbc);
    PlanService plans = new PlanService(settlements, jdbc);
    // the one request body limit of the server, for every endpoint (sign-in too), not only editing
    app.register(new BodyLimitFilter(config.http().maxBodyBytes(), config.http().maxUploadBytes()));
    app.register(new SettlementEditResource(settlements, new SettlementEditService(jdbc)));
    app.register(new PlansResource(plans));
    app.register(new PlanResource(plans));
    app.register(new FeatureEditResource(features, featureEdits));
    app.register(new FeatureHistoryResource(features, featureEdits));
    app.register(new ChangesResource(features, jdbc));
    app.register(new HistoryResource(settlements, jdbc));
    // community review (issue 7): representation, proposals, comments, reactions, meetings
    org.coplan.review.ReviewModule.components(jdbc, settlements).forEach(app::register);
  }

  /**
   * Import and export (issue 8): staged imports, exports, household enumerations; GDAL runs under
   * {@link GdalRunner}'s guard.
   */
  private static void registerImportExport(
      ResourceConfig app, Jdbc jdbc, SettlementService settlements, java.util.List<org.coplan.io.ExportTable> tables) {
    GdalRunner gdal = GdalRunner.defaults();
    ImportService imports =
        new ImportService(jdbc, settlements, new SettlementEditService(jdbc), new FeatureEditService(jdbc), gdal);
    app.register(MultiPartFeature.class);
    app.register(new PlanImportResource(imports));
    app.register(new NewSettlementImportResource(imports));
    app.register(new HouseholdResource(new HouseholdService(jdbc, settlements, gdal)));
    // tables other features add to CSV exports (the analysis: impacts, conflicts)
    app.register(new ExportResource(new ExportService(jdbc, settlements, gdal, tables)));
  }

  /** The bound port (useful with port 0). */
  /**
   * Whether every change committed before this call has reached this instance's listeners (the
   * tile cache, the analysis, the event streams) within {@code timeout}: a barrier through both
   * change feeds, for tests and for orderly hand-overs.
   */
  public boolean settled(Duration timeout) {
    return changeFeed.sync(timeout) && tiles.feed().sync(timeout);
  }

  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() throws Exception {
    try {
      jetty.stop();
    } finally {
      changeFeed.close();
      tiles.close();
    }
  }
}
