package io.cistern.core.it;

import io.cistern.core.metadata.MetadataCaches;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.content.PayloadService;
import io.cistern.core.content.WriteAnnouncements;
import io.cistern.core.payload.BlockIndex;
import io.cistern.core.payload.BlockUploader;
import io.cistern.core.payload.PayloadEngine;
import io.cistern.core.payload.StorageStatistics;
import io.cistern.core.service.CredentialVault;
import io.cistern.core.service.IdentityService;
import io.cistern.core.service.ServerIdentity;
import io.cistern.core.service.ShareCatalog;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MetadataService inside a real Payara Micro on a real PostgreSQL: every operation and every error it
 * reports, and many callers at once. One Arquillian class, because each boots its own Payara Micro; the
 * scenarios live in plain helper classes of this package, each test starting from a fresh directory
 * ({@link Fixture}).
 */
@ExtendWith(ArquillianExtension.class)
class MetadataServiceIT {

    @Deployment
    static WebArchive deployment() {
        return CoreArchive.createWithNtHash("metadata-it.war")
                .addClasses(FileSystemProbe.class, Fixture.class, AccountProbe.class, SmbLogonScenarios.class,
                        SmbShareScenarios.class,
                        CreationScenarios.class, LinkAndRenameScenarios.class, PermissionScenarios.class,
                        AttributeScenarios.class, ListingScenarios.class, ConcurrencyScenarios.class,
                        StressWorker.class, ExportAndIdentityScenarios.class,
                        PayloadScenarios.class, BlockProbe.class, OneStatementScenarios.class, ContentScenarios.class,
                        StoredDataScenarios.class, WriteNoticeScenarios.class, UploadRaceScenarios.class);
    }

    @EJB
    private MetadataService fs;

    @EJB
    private FileSystemProbe probe;

    @EJB
    private IdentityService identities;

    @EJB
    private ServerIdentity serverIdentity;

    @EJB
    private AccountProbe accounts;

    @EJB
    private CredentialVault credentials;

    @EJB
    private ShareCatalog shareCatalog;

    @EJB
    private BlockIndex blockIndex;

    @EJB
    private StorageStatistics statistics;

    @EJB
    private BlockProbe blocks;

    @EJB
    private PayloadService payload;

    @EJB
    private PayloadEngine engine;

    @EJB
    private BlockUploader uploader;

    @EJB
    private MetadataCaches caches;

    @EJB
    private WriteAnnouncements announcements;

    private ContentScenarios content() {
        return new ContentScenarios(fixture(), payload, engine, uploader, blockIndex, blocks);
    }

    private StoredDataScenarios storedData() {
        return new StoredDataScenarios(fs, probe, payload, engine, uploader, blockIndex, statistics);
    }

    private WriteNoticeScenarios writeNotices() {
        return new WriteNoticeScenarios(fixture(), payload, uploader, announcements);
    }

    // creates, removes and renames in one statement

    @Test
    void oneStatementAnswersMatchWhatTheDatabaseHolds() {
        new OneStatementScenarios(fixture(), caches).answersMatchWhatTheDatabaseHolds();
    }

    @Test
    void oneStatementChangesJudgeTheDirectoryAsItIsNow() {
        new OneStatementScenarios(fixture(), caches).aDirectoryIsJudgedAsItIsNow();
    }

    @Test
    void idsOfTheOneStatementAndJpaPathsNeverMeet() {
        new OneStatementScenarios(fixture(), caches).idsOfBothPathsNeverMeet();
    }

    // file contents: journal, upload, block store

    @Test
    void aWriteIsToldUnderEveryNameAndItsUploadTellsNothingMore() throws InterruptedException {
        writeNotices().aWriteIsToldUnderEveryNameAndItsUploadTellsNothingMore();
    }

    @Test
    void aStreamOfWritesIsToldAboutOnceASecond() throws InterruptedException {
        writeNotices().aStreamOfWritesIsToldAboutOnceASecond();
    }

    @Test
    void aTruncationIsToldByTheAttributeUpdate() throws InterruptedException {
        writeNotices().aTruncationIsToldByTheAttributeUpdate();
    }

    @Test
    void aWriteNobodyWatchesLeavesNothingBehind() {
        writeNotices().aWriteNobodyWatchesLeavesNothingBehind();
    }

    @Test
    void writesReadBackBeforeAndAfterUpload() {
        content().writesReadBackBeforeAndAfterUpload();
    }

    @Test
    void readsStopAtTheEnd() {
        content().readsStopAtTheEnd();
    }

    @Test
    void truncationCutsAndGrowsWithZeros() {
        content().truncationCutsAndGrowsWithZeros();
    }

    @Test
    void truncationToTheSameSizeSkipsTheJournal() throws InterruptedException {
        content().truncationToTheSameSizeSkipsTheJournal();
    }

    @Test
    void deletionReleasesBlocks() {
        content().deletionReleasesBlocks();
    }

    @Test
    void aDeletedFilesWritesFreeTheJournalWithoutAnUpload() {
        content().aDeletedFilesWritesFreeTheJournalWithoutAnUpload();
    }

    @Test
    void theUploadWaitsForClientsAtWork() throws Exception {
        content().theUploadWaitsForClientsAtWork();
    }

    @Test
    void verifierCommitAndTimes() throws Exception {
        content().verifierCommitAndTimes();
    }

    @Test
    void contentPermissionsAndTypes() {
        content().permissionsAndTypes();
    }

    @Test
    void writeClearsSetUserId() {
        content().writeClearsSetUserId();
    }

    @Test
    void copyWithinAndAcrossFiles() {
        content().copyWithinAndAcrossFiles();
    }

    @Test
    void identicalFilesShareBlocks() {
        content().identicalFilesShareBlocks();
    }

    @Test
    void theSameDataTwiceIsStoredOnce() throws Exception {
        storedData().theSameDataTwiceIsStoredOnce("dedup-it");
    }

    @Test
    void deletionsRacingTheUploadOfTheirBlocksNeverDeadlock() throws Exception {
        new UploadRaceScenarios(fixture(), payload, uploader, blocks).deletionsRacingTheUploadOfTheirBlocksNeverDeadlock();
    }

    @Test
    void deletionsReleasingSharedBlocksInAnotherOrderNeverDeadlock() throws Exception {
        new UploadRaceScenarios(fixture(), payload, uploader, blocks)
                .deletionsReleasingSharedBlocksInAnotherOrderNeverDeadlock();
    }

    @Test
    void aDamagedBlockIsAnIoErrorNotWrongData() throws Exception {
        storedData().aDamagedBlockIsAnIoErrorNotWrongData(fixture());
    }

    private Fixture fixture() {
        return new Fixture(fs, probe);
    }

    private CreationScenarios creation() {
        return new CreationScenarios(fixture());
    }

    private LinkAndRenameScenarios links() {
        return new LinkAndRenameScenarios(fixture());
    }

    private PermissionScenarios permissions() {
        return new PermissionScenarios(fixture());
    }

    private AttributeScenarios attributes() {
        return new AttributeScenarios(fixture());
    }

    private ListingScenarios listing() {
        return new ListingScenarios(fixture());
    }

    private ConcurrencyScenarios concurrency() {
        return new ConcurrencyScenarios(fixture());
    }

    // export rules, identities, handles

    @Test
    void rootIsSquashedAndOthersPassUnchanged() throws Exception {
        identity().rootIsSquashedAndOthersPassUnchanged();
    }

    @Test
    void clientsOutsideTheAllowedNetworksAreRefused() throws Exception {
        identity().clientsOutsideTheAllowedNetworksAreRefused("export-it");
    }

    @Test
    void accountsBecomeCallersWithTheirGroups() {
        identity().accountsBecomeCallersWithTheirGroups();
    }

    @Test
    void handlesOfTheInstallationRoundTripAndRejectTampering() {
        identity().handlesOfTheInstallationRoundTripAndRejectTampering();
    }

    // NT hashes and SMB logons

    @Test
    void theAdministratorsNtHashIsSealedAtFirstStart() {
        logons().theAdministratorsNtHashIsSealedAtFirstStart();
    }

    @Test
    void logonsFindLocalAccountsIgnoringCase() {
        logons().logonsFindLocalAccountsIgnoringCase();
    }

    @Test
    void logonsAreRefusedWithoutAnNtHashThatOpens() {
        logons().logonsAreRefusedWithoutAnNtHashThatOpens();
    }

    @Test
    void treeConnectsFindTheDefaultShareIgnoringCase() {
        new SmbShareScenarios(shareCatalog).treeConnectsFindTheDefaultShareIgnoringCase();
    }

    @Test
    void theShareListFollowsSharesAsTheyChange() {
        new SmbShareScenarios(shareCatalog).theShareListFollowsSharesAsTheyChange(probe);
    }

    private SmbLogonScenarios logons() {
        return new SmbLogonScenarios(identities, accounts, credentials);
    }

    private ExportAndIdentityScenarios identity() {
        return new ExportAndIdentityScenarios(fs, probe, identities, serverIdentity.fileHandles());
    }

    // create, mkdir, rmdir, symlink, mknod

    @Test
    void uncheckedCreateReturnsTheExistingFile() {
        creation().uncheckedCreateReturnsTheExistingFile();
    }

    @Test
    void guardedCreateOfAnExistingNameFails() {
        creation().guardedCreateOfAnExistingNameFails();
    }

    @Test
    void exclusiveCreateIsIdempotentPerVerifierUntilSetattr() {
        creation().exclusiveCreateIsIdempotentPerVerifier();
    }

    @Test
    void newFileHasTheCallersOwnershipAndOneTime() {
        creation().newFileHasTheCallersOwnershipAndOneTime();
    }

    @Test
    void createChangesTheDirectoryAndReportsItBeforeAndAfter() {
        creation().createChangesTheDirectoryAndReportsItBeforeAndAfter();
    }

    @Test
    void mkdirAndRmdirKeepLinkCounts() {
        creation().mkdirAndRmdirKeepLinkCounts();
    }

    @Test
    void rmdirOfANonEmptyDirectoryFails() {
        creation().rmdirOfANonEmptyDirectoryFails();
    }

    @Test
    void rmdirOfAFileAndRemoveOfADirectoryFail() {
        creation().wrongTypeForRmdirAndRemove();
    }

    @Test
    void missingNamesAreNotFound() {
        creation().missingNamesAreNotFound();
    }

    @Test
    void aFileHandleIsNoDirectory() {
        creation().aFileIsNoDirectory();
    }

    @Test
    void symlinkKeepsItsTargetBytes() {
        creation().symlinkKeepsItsTargetBytes();
    }

    @Test
    void mknodMakesFifosAndSocketsForUsersAndDevicesForRoot() {
        creation().mknodMakesFifosAndSocketsForUsersAndDevicesForRoot();
    }

    // link and rename

    @Test
    void hardLinksCountNamesAndTheLastNameTakesTheInode() {
        links().hardLinksCountNamesAndTheLastNameTakesTheInode();
    }

    @Test
    void directoriesCannotBeHardLinked() {
        links().directoriesCannotBeHardLinked();
    }

    @Test
    void linksAndRenamesDoNotCrossShares() {
        links().linksAndRenamesDoNotCrossShares();
    }

    @Test
    void renameWithinADirectoryKeepsTheInodeAndTheCookie() {
        links().renameWithinADirectoryKeepsTheInodeAndTheCookie();
    }

    @Test
    void renameAcrossDirectories() {
        links().renameAcrossDirectories();
    }

    @Test
    void renameReplacesAnExistingFile() {
        links().renameReplacesAnExistingFile();
    }

    @Test
    void namesStayTrueThroughARunOfChangesInOneDirectory() {
        links().namesStayTrueThroughARunOfChangesInOneDirectory();
    }

    @Test
    void renameDirectoryOverAnEmptyDirectory() {
        links().renameDirectoryOverAnEmptyDirectory();
    }

    @Test
    void renameRefusesTheWrongKindOfTarget() {
        links().renameRefusesTheWrongKindOfTarget();
    }

    @Test
    void aDirectoryCannotMoveIntoItself() {
        links().aDirectoryCannotMoveIntoItself();
    }

    @Test
    void renameOverAnAncestorOfTheSourceFails() {
        links().renameOverAnAncestorOfTheSourceFails();
    }

    @Test
    void renameOntoAnotherNameOfTheSameInodeDoesNothing() {
        links().renameOntoAnotherNameOfTheSameInodeDoesNothing();
    }

    @Test
    void aMovedDirectoryHasItsNewParent() {
        links().aMovedDirectoryHasItsNewParent();
    }

    // permissions

    @Test
    void changingADirectoryNeedsWritePermissionOnIt() {
        permissions().changingADirectoryNeedsWritePermissionOnIt();
    }

    @Test
    void lookupNeedsSearchPermission() {
        permissions().lookupNeedsSearchPermission();
    }

    @Test
    void readdirNeedsReadPermission() {
        permissions().readdirNeedsReadPermission();
    }

    @Test
    void stickyDirectoryProtectsOtherUsersFiles() {
        permissions().stickyDirectoryProtectsOtherUsersFiles();
    }

    @Test
    void setGroupIdDirectoryHandsDownItsGroup() {
        permissions().setGroupIdDirectoryHandsDownItsGroup();
    }

    @Test
    void accessAnswersTheCallersBits() {
        permissions().accessAnswersTheCallersBits();
    }

    @Test
    void readOnlyShareRefusesEveryChange() {
        permissions().readOnlyShareRefusesEveryChange();
    }

    // setattr

    @Test
    void onlyTheOwnerOrRootMayChmod() {
        attributes().onlyTheOwnerOrRootMayChmod();
    }

    @Test
    void onlyRootMayGiveAFileAway() {
        attributes().onlyRootMayGiveAFileAway();
    }

    @Test
    void theOwnerMayChangeTheGroupToOneOfItsOwn() {
        attributes().theOwnerMayChangeTheGroupToOneOfItsOwn();
    }

    @Test
    void chownClearsSetUserIdAndExecutableSetGroupId() {
        attributes().chownClearsSetUserIdAndExecutableSetGroupId();
    }

    @Test
    void sizeTruncatesAndExtends() {
        attributes().sizeTruncatesAndExtends();
    }

    @Test
    void sizeNeedsWritePermissionExceptForTheOwner() {
        attributes().sizeNeedsWritePermissionExceptForTheOwner();
    }

    @Test
    void guardedSetattrNeedsTheCurrentCtime() {
        attributes().guardedSetattrNeedsTheCurrentCtime();
    }

    @Test
    void explicitTimesNeedTheOwnerAndNowTimesAWriter() {
        attributes().explicitTimesNeedTheOwnerAndNowTimesAWriter();
    }

    @Test
    void ctimeAdvancesWithEveryChange() {
        attributes().ctimeAdvancesWithEveryChange();
    }

    @Test
    void birthAndChangeTimesAreSetAsGivenByTheOwner() {
        attributes().birthAndChangeTimesAreSetAsGivenByTheOwner();
    }

    // readdir, fsstat, handles, names

    @Test
    void readdirPagesWithStableIncreasingCookies() {
        listing().readdirPagesWithStableIncreasingCookies();
    }

    @Test
    void readdirVerifierChangesWithTheDirectory() {
        listing().readdirVerifierChangesWithTheDirectory();
    }

    @Test
    void readdirCarriesEachEntrysAttributes() {
        listing().readdirCarriesEachEntrysAttributes();
    }

    @Test
    void fsstatCountsFilesAndSpace() {
        listing().fsstatCountsFilesAndSpace();
    }

    @Test
    void aHandleOfAnotherGenerationIsStale() {
        listing().aHandleOfAnotherGenerationIsStale();
    }

    @Test
    void shareRootsByName() {
        listing().shareRootsByName();
    }

    @Test
    void namesUpTo255BytesWithoutSlashNulOrDots() {
        listing().namesUpTo255BytesWithoutSlashNulOrDots();
    }

    @Test
    void namesNeedNotBeUtf8() {
        listing().namesNeedNotBeUtf8();
    }

    @Test
    void caseInsensitiveLookupPrefersTheExactName() {
        listing().caseInsensitiveLookupPrefersTheExactName();
    }

    // many callers at once

    @Test
    void concurrentMixedOperationsKeepTheTreeExact() throws Exception {
        concurrency().mixedOperationsKeepTheTreeExact();
    }

    @Test
    void crossingDirectoryRenamesNeitherLoopNorDeadlock() throws Exception {
        concurrency().crossingDirectoryRenamesNeitherLoopNorDeadlock();
    }

    // file contents: the dedup index and the space statistics

    @Test
    void blockMappingsKeepTheRefcountsExact() {
        payload().mappingsKeepTheCountsExact();
    }

    @Test
    void theFileMapIsKeyedByFileThenPiece() {
        payload().fileMapIsKeyedByFileThenPiece();
    }

    @Test
    void refcountsNeverGoBelowZero() {
        payload().countsNeverGoBelowZero();
    }

    @Test
    void aRolledBackMappingChangesNoRefcount() throws Exception {
        payload().aRolledBackMappingChangesNoCount();
    }

    @Test
    void concurrentReferencesCountEveryOneAndMakeTheBlockOnce() throws Exception {
        payload().concurrentReferencesCountEveryOneAndMakeTheBlockOnce();
    }

    @Test
    void statisticsCountLogicalUniqueAndPhysicalBytes() {
        payload().statisticsCountLogicalUniqueAndPhysicalBytes(probe);
    }

    private PayloadScenarios payload() {
        return new PayloadScenarios(fixture(), blockIndex, statistics, blocks);
    }
}
